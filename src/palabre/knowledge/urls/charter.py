"""Addresses of the charter part of the knowledge of a space."""

from django.urls import path

from ..views import charter as views

CHARTER = "espaces/<slug:slug>/cahier-des-charges/"
SECTION = CHARTER + "sections/<int:section_pk>/"
ARTICLE = CHARTER + "articles/<int:article_pk>/"

urlpatterns = [
    path(CHARTER, views.CharterView.as_view(), name="charter"),
    path(CHARTER + "commencer/", views.CharterCreateView.as_view(), name="charter_create"),
    path(CHARTER + "modifier/", views.CharterEditView.as_view(), name="charter_edit"),
    path(CHARTER + "colleges/", views.CollegesView.as_view(), name="charter_colleges"),
    path(
        CHARTER + "sections/nouvelle/", views.SectionAddView.as_view(), name="charter_section_add"
    ),
    path(SECTION, views.SectionEditView.as_view(), name="charter_section_edit"),
    path(SECTION + "deplacer/", views.SectionMoveView.as_view(), name="charter_section_move"),
    path(SECTION + "articles/nouveau/", views.ArticleAddView.as_view(), name="charter_article_add"),
    path(ARTICLE, views.ArticleEditView.as_view(), name="charter_article_edit"),
    path(ARTICLE + "deplacer/", views.ArticleMoveView.as_view(), name="charter_article_move"),
    path(ARTICLE + "supprimer/", views.ArticleDeleteView.as_view(), name="charter_article_delete"),
    path(CHARTER + "workflow/", views.CharterActionView.as_view(), name="charter_action"),
    path(CHARTER + "commentaires/", views.CharterCommentView.as_view(), name="charter_comment"),
    path(CHARTER + "versions/", views.CharterVersionsView.as_view(), name="charter_versions"),
    path(
        CHARTER + "document.<str:fmt>",
        views.CharterDocumentView.as_view(),
        name="charter_document",
    ),
]
