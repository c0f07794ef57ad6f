from django.urls import path

from phoihop.reviews import views, views_documents

app_name = "reviews"
urlpatterns = [
    path("", views.review_list, name="list"),
    path("tao-moi/", views.review_create, name="create"),
    path("tong-quan-so-lieu/", views.dashboard, name="dashboard"),
    path(
        "tong-quan-so-lieu/bieu-do/<slug:name>.svg",
        views.dashboard_chart,
        name="dashboard_chart",
    ),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/bieu-do/<slug:name>.svg", views.review_chart, name="chart"),
    path("<int:pk>/sua/", views.review_edit, name="edit"),
    path("<int:pk>/ban-hanh/", views.review_issue, name="issue"),
    path("<int:pk>/y-kien/", views.contribution_edit, name="contribute"),
    path("<int:pk>/tinh-so-lieu/", views_documents.review_figures, name="figures"),
    path(
        "<int:pk>/tinh-so-lieu/<int:job_pk>/",
        views_documents.review_figures_job,
        name="figures_job",
    ),
    *[
        route
        for ext in ("docx", "xlsx", "pdf")
        for route in (
            path(f"<int:pk>/tai-ve/bao-cao.{ext}", views_documents.review_document, {"extension": ext}, name=ext),
            path(f"<int:pk>/tai-ve/{ext}/<int:job_pk>/", views_documents.review_document_job, {"extension": ext}, name=f"{ext}_job"),
            path(
                f"<int:pk>/tai-ve/{ext}/<int:job_pk>/bao-cao.{ext}",
                views_documents.review_document_file,
                {"extension": ext},
                name=f"{ext}_file",
            ),
        )
    ],
]
