from django.urls import path

from phoihop.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
]
