"""Capitalisation reports in the permission table's world.

- `{report}`: a public report of `{space}` still in draft, with its figures assembled;
- `{published_report}`: a public report of `{space}`, approved and published;
- `{private_report}`: a draft report of `{private_space}`.
"""

import datetime

from django.utils import timezone

from palabre.knowledge.services.assembly import report_create
from palabre.workflow.models import State

NAMESPACES = {"knowledge"}

REPORT_FORM = {
    "title": "Étape 1 — constitution du comité",
    "stage": "Constitution",
    "period_start": "2026-01-01",
    "period_end": "2026-06-30",
    "visibility": "public",
}

PAYLOADS = {
    "knowledge:report_create": REPORT_FORM,
    "knowledge:report_edit": {
        **REPORT_FORM,
        "context": "Le comité est né d'une demande des régions.",
        "results": "Trois réunions et une charte adoptée.",
    },
    "knowledge:report_refresh": {},
    "knowledge:report_action": {"action": "submit"},
    "knowledge:report_comment": {"section": "context", "text": "Citer la délibération régionale."},
}


def _report(space, actor, title):
    return report_create(
        space=space,
        title=title,
        stage="Constitution",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        actor=actor,
    )


def placeholders(*, space, private_space, users, base) -> dict:
    secretariat = users["secretariat"]
    report = _report(space, secretariat, "Étape 1 — constitution du comité")
    published = _report(space, secretariat, "Étape 0 — préfiguration")
    now = timezone.now()
    type(published).objects.filter(pk=published.pk).update(
        workflow_state=State.PUBLISHED, approved_by=secretariat, approved_at=now, published_at=now
    )
    private_report = _report(private_space, secretariat, "Étape restreinte")
    return {
        "report": report.pk,
        "published_report": published.pk,
        "private_report": private_report.pk,
    }
