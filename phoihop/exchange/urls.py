"""Bulletin pages and the app-wide notification inbox, under /tinh-hinh/ (phoihop/urls.py)."""

from django.urls import path

from phoihop.exchange import views

app_name = "exchange"
urlpatterns = [
    path("ban-tin/", views.bulletin_list, name="bulletin_list"),
    path("ban-tin/gui/", views.bulletin_create, name="bulletin_create"),
    path("ban-tin/<int:pk>/", views.bulletin_detail, name="bulletin_detail"),
    path("thong-bao/", views.notification_list, name="notification_list"),
    path("thong-bao/da-doc-het/", views.notification_read_all, name="notification_read_all"),
    path("thong-bao/cai-dat/", views.notification_preferences, name="notification_preferences"),
    path("thong-bao/<int:pk>/da-doc/", views.notification_read, name="notification_read"),
]
