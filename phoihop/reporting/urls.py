from django.urls import path

from phoihop.reporting import views

app_name = "reporting"
urlpatterns = [
    path("", views.report_index, name="index"),
    path("chuong-trinh/<int:program_pk>/", views.completeness_matrix, name="matrix"),
    path("chuong-trinh/<int:program_pk>/tao-ky-bao-cao/", views.reports_generate, name="generate"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/nop/", views.report_submit, name="submit"),
    path("<int:pk>/tiep-nhan/", views.report_accept, name="accept"),
    path("<int:pk>/tra-lai/", views.report_return, name="return"),
]
