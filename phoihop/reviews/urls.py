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
    path("<int:pk>/tai-ve/bao-cao.docx", views_documents.review_docx, name="docx"),
    path("<int:pk>/tai-ve/bao-cao.xlsx", views_documents.review_xlsx, name="xlsx"),
    path("<int:pk>/tai-ve/bao-cao.pdf", views_documents.review_pdf, name="pdf"),
    path("<int:pk>/tai-ve/pdf/<int:job_pk>/", views_documents.review_pdf_job, name="pdf_job"),
    path("<int:pk>/tai-ve/pdf/<int:job_pk>/bao-cao.pdf", views_documents.review_pdf_file, name="pdf_file"),
]
