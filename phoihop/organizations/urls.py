from django.urls import path

from phoihop.organizations import views

app_name = "organizations"
urlpatterns = [
    path("", views.organization_list, name="list"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("<int:pk>/sua/", views.organization_edit, name="edit"),
    path("<int:pk>/can-bo/them/", views.person_create, name="person_create"),
    path("ban-chi-dao/<int:pk>/", views.committee_detail, name="committee_detail"),
    path("can-bo/<int:pk>/", views.person_detail, name="person_detail"),
    path("can-bo/<int:pk>/sua/", views.person_edit, name="person_edit"),
    path("can-bo/<int:pk>/chuc-vu/them/", views.position_add, name="position_add"),
    path("chuc-vu/<int:pk>/ket-thuc/", views.position_end, name="position_end"),
]
