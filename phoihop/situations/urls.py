from django.urls import path

from phoihop.situations import views

app_name = "situations"
urlpatterns = [
    # Cases (the section's front page) and situation reports.
    path("", views.case_list, name="case_list"),
    path("vu-viec/xuat-csv/", views.case_export, name="case_export"),
    path("vu-viec/<int:pk>/", views.case_detail, name="case_detail"),
    path("vu-viec/<int:pk>/phan-cong/", views.case_assign, name="case_assign"),
    path("vu-viec/<int:pk>/theo-doi/", views.case_follow_up, name="case_follow_up"),
    path("vu-viec/<int:pk>/ket-thuc/", views.case_close, name="case_close"),
    path("vu-viec/<int:pk>/mo-lai/", views.case_reopen, name="case_reopen"),
    path("vu-viec/<int:pk>/chuyen-len/", views.case_escalate, name="case_escalate"),
    path("vu-viec/<int:pk>/tai-dien/", views.case_link_recurrence, name="case_link_recurrence"),
    path("bao-cao/", views.report_list, name="report_list"),
    path("bao-cao/them/", views.report_create, name="report_create"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report_detail"),
    path("bao-cao/<int:pk>/mo-vu-viec/", views.report_open_case, name="report_open_case"),
    path("bao-cao/<int:pk>/gop/", views.report_merge, name="report_merge"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment"),
]
