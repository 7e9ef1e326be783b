"""Addresses of the action plans of a space."""

from django.urls import path

from .views import actions, plans, promotion

app_name = "actions"

PLANS = "espaces/<slug:slug>/plans/"
PLAN = PLANS + "<int:pk>/"
ACTION = PLAN + "actions/<int:action_pk>/"

urlpatterns = [
    path(PLANS, plans.PlanListView.as_view(), name="plan_list"),
    path(PLANS + "nouveau/", plans.PlanCreateView.as_view(), name="plan_create"),
    path(PLAN, plans.PlanDetailView.as_view(), name="plan"),
    path(PLAN + "modifier/", plans.PlanEditView.as_view(), name="plan_edit"),
    path(PLAN + "workflow/", plans.PlanActionView.as_view(), name="plan_action"),
    path(PLAN + "commentaires/", plans.PlanCommentView.as_view(), name="plan_comment"),
    path(PLAN + "versions/", plans.PlanVersionsView.as_view(), name="plan_versions"),
    path(PLAN + "document.<str:fmt>", plans.PlanDocumentView.as_view(), name="plan_document"),
    path(PLAN + "export/", plans.PlanExportView.as_view(), name="plan_export"),
    path(PLAN + "actions/ajouter/", actions.ActionAddView.as_view(), name="action_add"),
    path(ACTION, actions.ActionDetailView.as_view(), name="action"),
    path(ACTION + "modifier/", actions.ActionEditView.as_view(), name="action_edit"),
    path(ACTION + "supprimer/", actions.ActionDeleteView.as_view(), name="action_delete"),
    path(ACTION + "avancement/", actions.ProgressAddView.as_view(), name="progress_add"),
    path(
        ACTION + "avancement/<int:update_pk>/preuve/",
        actions.EvidenceView.as_view(),
        name="evidence",
    ),
    path(
        PLANS + "depuis-le-compte-rendu/<int:outcome>/",
        promotion.PromoteOutcomeView.as_view(),
        name="promote_outcome",
    ),
    path(
        PLANS + "depuis-la-thematique/<int:theme>/",
        promotion.PromoteThemeView.as_view(),
        name="promote_theme",
    ),
]
