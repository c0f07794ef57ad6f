from django.urls import path

from phoihop.core import history, views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("lich-su/<str:model>/<int:pk>/", history.object_history, name="history"),
]
