from django.urls import path

from phoihop.programs import views

app_name = "programs"
urlpatterns = [
    path("", views.program_list, name="list"),
    path("them/", views.program_create, name="create"),
    path("<int:pk>/", views.program_detail, name="detail"),
    path("<int:pk>/sua/", views.program_edit, name="edit"),
    path("<int:pk>/ky-ket/", views.program_sign, name="sign"),
    path("<int:pk>/van-ban/", views.program_document, name="document"),
    path("<int:pk>/thanh-vien/them/", views.member_add, name="member_add"),
    path("thanh-vien/<int:pk>/roi/", views.member_leave, name="member_leave"),
    path("<int:pk>/noi-dung/them/", views.area_create, name="area_create"),
    path("noi-dung/<int:pk>/sua/", views.area_edit, name="area_edit"),
    path("<int:pk>/ke-hoach/them/", views.plan_create, name="plan_create"),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("ke-hoach/<int:pk>/ky/", views.plan_sign, name="plan_sign"),
    path("ke-hoach/<int:pk>/van-ban/", views.plan_document, name="plan_document"),
    path("ke-hoach/<int:pk>/nhiem-vu/them/", views.task_create, name="task_create"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task_detail"),
    path("nhiem-vu/<int:pk>/sua/", views.task_edit, name="task_edit"),
    path("chi-tieu/", views.indicator_list, name="indicator_list"),
    path("chi-tieu/them/", views.indicator_create, name="indicator_create"),
    path("chi-tieu/<int:pk>/sua/", views.indicator_edit, name="indicator_edit"),
]
