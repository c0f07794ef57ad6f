from django.urls import path

from phoihop.activities import views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("them/", views.activity_create, name="create"),
    path("don-vi/", views.organization_record, name="mine"),
    path("don-vi/<int:pk>/", views.organization_record, name="organization"),
    path("cho-xac-nhan/", views.review_queue, name="review_queue"),
    path("cho-toi-xac-nhan/", views.pending, name="pending"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/sua/", views.activity_edit, name="edit"),
    path("<int:pk>/gui/", views.activity_submit, name="submit"),
    path("<int:pk>/xac-nhan/", views.activity_confirm, name="confirm"),
    path("<int:pk>/tra-lai/", views.activity_return, name="return"),
    path("<int:pk>/tham-gia/", views.participation_respond, name="respond"),
    path("<int:pk>/tep/", views.attachment_add, name="attachment_add"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment"),
    path("tep/<int:pk>/xoa/", views.attachment_remove, name="attachment_remove"),
    path("tep/<int:pk>/khoi-phuc/", views.attachment_restore, name="attachment_restore"),
]
