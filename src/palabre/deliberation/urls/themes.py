"""Addresses of the themes of a space."""

from django.urls import path

from ..views import themes as views

SPACE = "espaces/<slug:slug>/thematiques"
THEME = f"{SPACE}/<int:pk>"
COMMENT = f"{THEME}/commentaires/<int:comment>"

urlpatterns = [
    path(f"{SPACE}/", views.ThemeListView.as_view(), name="theme_list"),
    path(f"{SPACE}/proposer/", views.ThemeCreateView.as_view(), name="theme_create"),
    path(f"{THEME}/", views.ThemeDetailView.as_view(), name="theme"),
    path(f"{THEME}/modifier/", views.ThemeUpdateView.as_view(), name="theme_update"),
    path(f"{THEME}/statut/", views.ThemeStatusView.as_view(), name="theme_status"),
    path(f"{THEME}/soutien/", views.ThemeSupportView.as_view(), name="theme_support"),
    path(f"{THEME}/commentaires/", views.ThemeCommentView.as_view(), name="theme_comment"),
    path(f"{COMMENT}/modifier/", views.CommentEditView.as_view(), name="theme_comment_edit"),
    path(f"{COMMENT}/masquer/", views.CommentHideView.as_view(), name="theme_comment_hide"),
    path(f"{COMMENT}/afficher/", views.CommentUnhideView.as_view(), name="theme_comment_unhide"),
]
