"""Action plans in the permission table's world.

- `{plan}`: a public plan of `{space}` still in draft, with one action `{plan_action}` (no lead
  organisation);
- `{adopted_plan}`: a public plan of `{space}`, adopted and published, with one action
  `{adopted_action}` led by an organisation none of the users belongs to, which has a progress
  update `{plan_update}` with a PDF as evidence;
- `{private_plan}`: a draft plan of `{private_space}`;
- `{plan_decision}`: a decision of the published minutes of a public meeting of `{space}`;
- `{plan_theme}`: a theme of `{space}` the space has retained.
"""

from django.core.files.base import ContentFile
from django.utils import timezone

from palabre.deliberation.models import Theme, ThemeStatus
from palabre.spaces.models import Visibility
from palabre.workflow.models import State
from tests.accounts.factories import make_user
from tests.actions.factories import (
    ActionFactory,
    ActionPlanFactory,
    ProgressUpdateFactory,
)
from tests.directory.factories import OrganisationFactory
from tests.meetings.factories import MeetingFactory, MinutesFactory, OutcomeFactory, in_days

NAMESPACES = {"actions"}

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


PLAN_FORM = {
    "title": "Plan d'action annuel",
    "kind": "space",
    "period_start": "2027-01-01",
    "period_end": "2027-12-31",
    "visibility": "public",
}
ACTION_FORM = {"title": "Ouvrir le guichet diaspora", "currency": "XOF"}

PAYLOADS = {
    "actions:plan_create": PLAN_FORM,
    "actions:plan_edit": {**PLAN_FORM, "title": "Plan d'action annuel révisé"},
    "actions:plan_action": {"action": "submit"},
    "actions:plan_comment": {"section": "objectives", "text": "Chiffrer les objectifs."},
    "actions:action_add": ACTION_FORM,
    "actions:action_edit": {**ACTION_FORM, "title": "Ouvrir le guichet diaspora à Soubré"},
    "actions:action_delete": {},
    # The evidence is optional (tests/actions/test_progress.py sends files).
    "actions:progress_add": {
        "date": "{today}",
        "status": "in_progress",
        "progress": "40",
        "text": "Le local du guichet est aménagé.",
    },
    "actions:promote_outcome": {"plan": "{plan}", **ACTION_FORM},
    "actions:promote_theme": {"plan": "{plan}", **ACTION_FORM},
}


def _published(document, actor) -> None:
    now = timezone.now()
    type(document).objects.filter(pk=document.pk).update(
        workflow_state=State.PUBLISHED, approved_by=actor, approved_at=now, published_at=now
    )


def placeholders(*, space, private_space, users, base) -> dict:
    secretariat = users["secretariat"]
    plan = ActionPlanFactory(space=space, created_by=secretariat)
    plan_action = ActionFactory(plan=plan)
    adopted = ActionPlanFactory(space=space, created_by=secretariat)
    adopted_action = ActionFactory(plan=adopted, lead_organisation=OrganisationFactory())
    _published(adopted, secretariat)
    update = ProgressUpdateFactory(action=adopted_action, author=secretariat)
    update.evidence.save("proces-verbal.pdf", ContentFile(PDF))
    private_plan = ActionPlanFactory(space=private_space, created_by=secretariat)
    meeting = MeetingFactory(space=space, starts_at=in_days(-10), visibility=Visibility.PUBLIC)
    minutes = MinutesFactory(meeting=meeting, visibility=Visibility.PUBLIC)
    decision = OutcomeFactory(minutes=minutes, text="Le guichet diaspora sera ouvert.")
    _published(minutes, secretariat)
    theme = Theme.objects.create(
        space=space,
        title="Tourisme à Grand-Béréby",
        description="Développer le tourisme balnéaire avec la diaspora.",
        proposed_by=make_user(),
        status=ThemeStatus.RETAINED,
    )
    return {
        "plan": plan.pk,
        "plan_action": plan_action.pk,
        "adopted_plan": adopted.pk,
        "adopted_action": adopted_action.pk,
        "plan_update": update.pk,
        "private_plan": private_plan.pk,
        "plan_decision": decision.pk,
        "plan_theme": theme.pk,
    }
