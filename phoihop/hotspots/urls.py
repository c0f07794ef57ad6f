"""Hotspot and map pages, under /tinh-hinh/ beside the cases (phoihop/urls.py)."""

from django.urls import path

from phoihop.hotspots import views

app_name = "hotspots"
urlpatterns = [
    path("ban-do/", views.hotspot_map, name="map"),
    path("dia-ban-trong-diem/", views.hotspot_list, name="hotspot_list"),
    path("dia-ban-trong-diem/xac-dinh/", views.hotspot_designate, name="hotspot_designate"),
    path("dia-ban-trong-diem/diem/<int:locality_pk>/", views.hotspot_score, name="hotspot_score"),
    path("dia-ban-trong-diem/<int:pk>/", views.hotspot_detail, name="hotspot_detail"),
    path("dia-ban-trong-diem/<int:pk>/dua-ra/", views.hotspot_lift, name="hotspot_lift"),
    path(
        "dia-ban-trong-diem/<int:pk>/hoat-dong-ung-pho/",
        views.hotspot_link_response,
        name="hotspot_link_response",
    ),
]
