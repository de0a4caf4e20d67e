"""The URLs Django still owns; every other path is served by the Express half."""
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("messages/", views.message_list, name="messages"),
]
