from django.urls import path

from phoihop.core import history

app_name = "core"
urlpatterns = [
    path("lich-su/<str:model>/<int:pk>/", history.object_history, name="history"),
]
