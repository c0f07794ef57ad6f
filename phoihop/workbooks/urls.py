from django.urls import path

from phoihop.workbooks import views

app_name = "workbooks"
urlpatterns = [
    path("chuong-trinh/<int:program_pk>/mau-hoat-dong/", views.template_download, name="template"),
    path("chuong-trinh/<int:program_pk>/nhap-hoat-dong/", views.activities_upload, name="import"),
    path(
        "chuong-trinh/<int:program_pk>/nhap-hoat-dong/<int:job_pk>/",
        views.activities_import_job,
        name="import_job",
    ),
    path("nhap-hoat-dong/", views.import_choose, name="import_choose"),
    path("lan-nhap/<uuid:batch>/", views.activities_imported, name="imported"),
    path("ke-hoach/<int:plan_pk>/mau-nhiem-vu/", views.plan_template_download, name="plan_template"),
    path("ke-hoach/<int:plan_pk>/nhap-nhiem-vu/", views.plan_tasks_upload, name="plan_import"),
    path("ke-hoach/<int:plan_pk>/xuat-nhiem-vu/", views.plan_tasks_export, name="plan_export"),
    path("xuat-hoat-dong/", views.activities_export, name="export"),
]
