from django.urls import path

from phoihop.localities import views

app_name = "localities"
urlpatterns = [
    path("", views.locality_list, name="list"),
    path("<int:pk>/", views.locality_detail, name="detail"),
    path("goi-y/", views.locality_autocomplete, name="autocomplete"),
]
