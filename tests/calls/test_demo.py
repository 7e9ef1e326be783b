"""The calls demo: a decided call for expertise with its report, an open call for projects with
two submissions; fictional, at example.org, and idempotent."""

import io

import pytest
from django.core.management import call_command

from palabre.accounts.models import User
from palabre.audit.models import AuditEvent
from palabre.calls import demo
from palabre.calls.models import Call, CallStatus, Evaluator, Score, Submission
from palabre.calls.services.decision import REPORT_KIND
from palabre.calls.services.ranking import rank_call
from palabre.documents.models import IssuedDocument
from palabre.notifications.models import Notification

pytestmark = pytest.mark.django_db

MODELS = [Call, Submission, Evaluator, Score, IssuedDocument, Notification, User, AuditEvent]


@pytest.fixture
def seeded(mailoutbox):
    call_command("seed_demo", stdout=io.StringIO(), show_accounts=False)


def test_the_expertise_call_is_decided_with_its_report(seeded):
    call = Call.objects.get(reference=demo.EXPERTISE_REFERENCE)
    assert call.status == CallStatus.DECIDED and call.title == demo.EXPERTISE_TITLE
    assert [c.weight for c in call.criteria.all()] == [20, 25, 35, 20]
    assert call.required_documents.count() == 4
    evaluators = list(call.evaluators.all())
    assert len(evaluators) == 3
    assert all(e.no_conflict_declared_at and e.submitted_at for e in evaluators)
    ranked, ineligible = rank_call(call)
    assert len(ranked) == 4 and [s.applicant_name for s in ineligible] == [
        "Consortium Atlantique Ingénierie"
    ]
    assert all(s.submitted_at < call.closes_at for s in call.submissions.all())
    reports = IssuedDocument.objects.filter(object_id=str(call.pk), kind=REPORT_KIND)
    assert sorted(reports.values_list("format", flat=True)) == ["docx", "pdf"]
    winner = ranked[0].submission
    assert Notification.objects.filter(recipient=winner.applicant, kind="calls.result").exists()


def test_the_call_for_projects_is_open_with_two_submissions(seeded):
    call = Call.objects.get(reference=demo.PROJECTS_REFERENCE)
    assert call.is_open() and not call.criteria.filter(is_price=True).exists()
    assert sum(c.weight for c in call.criteria.all()) == 100
    assert call.submissions.filter(is_current=True).count() == 2


def test_the_demo_is_fictional_and_seeding_again_changes_nothing(seeded):
    emails = User.objects.filter(call_submissions__isnull=False).values_list("email", flat=True)
    assert emails and all(email.endswith("@example.org") for email in emails)
    counts = {model: model.objects.count() for model in MODELS}
    out = io.StringIO()
    demo.seed(stdout=out)
    assert {model: model.objects.count() for model in MODELS} == counts
    assert "0 new" in out.getvalue()
