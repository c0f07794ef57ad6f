"""Hotspot, map, bulletin and notification pages; included by situations/urls.py."""

from django.urls import path

from phoihop.situations import views_exchange, views_hotspots

urlpatterns = [
    path("ban-do/", views_hotspots.hotspot_map, name="map"),
    path("dia-ban-trong-diem/", views_hotspots.hotspot_list, name="hotspot_list"),
    path(
        "dia-ban-trong-diem/xac-dinh/", views_hotspots.hotspot_designate, name="hotspot_designate"
    ),
    path(
        "dia-ban-trong-diem/diem/<int:locality_pk>/",
        views_hotspots.hotspot_score,
        name="hotspot_score",
    ),
    path("dia-ban-trong-diem/<int:pk>/", views_hotspots.hotspot_detail, name="hotspot_detail"),
    path("dia-ban-trong-diem/<int:pk>/dua-ra/", views_hotspots.hotspot_lift, name="hotspot_lift"),
    path(
        "dia-ban-trong-diem/<int:pk>/hoat-dong-ung-pho/",
        views_hotspots.hotspot_link_response,
        name="hotspot_link_response",
    ),
    path("ban-tin/", views_exchange.bulletin_list, name="bulletin_list"),
    path("ban-tin/gui/", views_exchange.bulletin_create, name="bulletin_create"),
    path("ban-tin/<int:pk>/", views_exchange.bulletin_detail, name="bulletin_detail"),
    path("thong-bao/", views_exchange.notification_list, name="notification_list"),
    path(
        "thong-bao/da-doc-het/", views_exchange.notification_read_all, name="notification_read_all"
    ),
    path(
        "thong-bao/cai-dat/",
        views_exchange.notification_preferences,
        name="notification_preferences",
    ),
    path("thong-bao/<int:pk>/da-doc/", views_exchange.notification_read, name="notification_read"),
]
