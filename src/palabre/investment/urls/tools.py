"""Addresses of the tools part."""

from django.urls import path

from ..views import tools

TOOL = "outils/<int:pk>/"

urlpatterns = [
    path("outils/", tools.ToolListView.as_view(), name="tool_list"),
    path("outils/nouveau/", tools.ToolCreateView.as_view(), name="tool_create"),
    path(TOOL, tools.ToolDetailView.as_view(), name="tool"),
    path(TOOL + "modifier/", tools.ToolEditView.as_view(), name="tool_edit"),
    path(TOOL + "etape/", tools.ToolStageView.as_view(), name="tool_stage"),
    path(TOOL + "activites/ajouter/", tools.ActivityAddView.as_view(), name="activity_add"),
    path(TOOL + "montants/ajouter/", tools.AmountAddView.as_view(), name="amount_add"),
    path(TOOL + "fiche.<str:fmt>", tools.ToolDocumentView.as_view(), name="tool_document"),
]
