from django.urls import path

from phoihop.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.intake_home, name="home"),
    path("<int:pk>/", views.document_detail, name="document"),
    path("<int:pk>/tao-bao-cao/", views.document_make_reports, name="make_reports"),
    path("<int:pk>/tao-hoat-dong/", views.document_make_activity, name="make_activity"),
    path("<int:pk>/dinh-kem/", views.document_attach_review, name="attach_review"),
]
