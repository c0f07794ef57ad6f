from django.urls import path

from phoihop.practices import views

app_name = "practices"
urlpatterns = [
    path("", views.model_list, name="list"),
    path("them/", views.model_create, name="create"),
    path("<int:pk>/", views.model_detail, name="detail"),
    path("<int:pk>/sua/", views.model_edit, name="edit"),
    path("<int:pk>/cong-nhan/", views.model_decide, name="decide"),
    path("<int:pk>/nhan-rong/", views.replication_add, name="replication_add"),
]
