from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from phoihop.accounts import views

app_name = "accounts"
urlpatterns = [
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "doi-mat-khau/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change_form.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path("nguoi-dung/", views.user_list, name="user_list"),
    path("nguoi-dung/them/", views.user_create, name="user_create"),
    path("nguoi-dung/<int:pk>/", views.user_detail, name="user_detail"),
    path("nguoi-dung/<int:pk>/sua/", views.user_edit, name="user_edit"),
    path("nguoi-dung/<int:pk>/khoa/", views.user_deactivate, name="user_deactivate"),
]
