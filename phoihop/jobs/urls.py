from django.urls import path

from phoihop.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:pk>/trang-thai/", views.job_status, name="status"),
]
