"""Deciding a call: the report's ranking in PDF and Word, each applicant told their own result
only, nothing done before the technical scoring is closed; the report's address."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats

from palabre.calls.models import CallStatus
from palabre.calls.services.decision import REPORT_KIND, decide
from palabre.calls.services.states import call_transition
from palabre.documents.models import IssuedDocument
from palabre.notifications.models import Notification
from tests.accounts.factories import make_user
from tests.documents.utils import docx_text, pdf_text
from tests.spaces.factories import member_user

from .test_ranking import EXPECTED, scored_call

pytestmark = pytest.mark.django_db

SECRETARIAT = "secretariat"


def closed_call():
    call = scored_call()
    call_transition(
        call=call,
        status=CallStatus.SCORING_CLOSED,
        actor=make_user(),
        now=call.closes_at + datetime.timedelta(minutes=1),
    )
    call.refresh_from_db()
    return call


def secretariat_of(call):
    return member_user(call.space, role=SECRETARIAT)


def number(value: str) -> str:
    return formats.number_format(Decimal(value), decimal_pos=2)


def report_text(call, fmt: str) -> str:
    document = IssuedDocument.objects.get(object_id=str(call.pk), kind=REPORT_KIND, format=fmt)
    with document.file.open("rb") as handle:
        data = handle.read()
    text = pdf_text(data) if fmt == "pdf" else docx_text(data)
    # The PDF wraps long names over lines; Word puts cells between bars.
    return " ".join(text.replace("|", " ").split())


def assert_ranked_in_order(text: str) -> None:
    # From the ranking table's header to the table of the offers not eligible.
    ranking = text[text.index("Rank Applicant") : text.index("Applicant Reason")]
    positions = []
    for rank, (name, technical, price, total) in enumerate(EXPECTED, start=1):
        row = re.search(
            rf"{rank} {re.escape(name)} [\d., ]*?{number(technical)} {number(price)} "
            rf"{number(total)}",
            ranking,
        )
        assert row, (name, ranking)
        positions.append(row.start())
    assert positions == sorted(positions)
    # The offer above the ceiling takes no rank; it is listed apart.
    assert "Groupement Atlantique" not in ranking
    assert "Groupement Atlantique" in text[text.index("Applicant Reason") :]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_report_holds_the_ranking_in_order_with_totals(fmt):
    call = closed_call()
    decide(call=call, actor=secretariat_of(call))
    text = report_text(call, fmt)
    assert call.reference in text
    assert_ranked_in_order(text)


def test_each_applicant_is_told_their_own_result_and_nobody_elses():
    call = closed_call()
    call = decide(call=call, actor=secretariat_of(call))
    assert call.status == CallStatus.DECIDED and call.results_on is not None
    totals = {name: number(total) for name, _t, _p, total in EXPECTED}
    for submission in call.submissions.all():
        (notification,) = Notification.objects.filter(
            recipient=submission.applicant, kind="calls.result"
        )
        own = totals.get(submission.applicant_name)
        others = [total for name, total in totals.items() if name != submission.applicant_name]
        if own is None:
            assert "not eligible" in notification.body
        else:
            assert own in notification.body
        assert not any(total in notification.body for total in others)
        assert not any(
            name in notification.body for name in totals if name != submission.applicant_name
        )


def test_no_decision_before_the_technical_scoring_is_closed():
    call = scored_call()
    with pytest.raises(ValidationError, match="cannot go from"):
        decide(call=call, actor=secretariat_of(call))
    call.refresh_from_db()
    assert call.status == CallStatus.PUBLISHED and call.results_on is None
    assert not IssuedDocument.objects.filter(kind=REPORT_KIND).exists()
    assert not Notification.objects.filter(kind="calls.result").exists()


def test_the_secretariat_decides_from_the_call_page_and_a_member_cannot(client):
    call = closed_call()
    url = reverse("calls:decide", args=[call.pk])
    client.force_login(member_user(call.space))
    assert client.post(url).status_code == 403
    call.refresh_from_db()
    assert call.status == CallStatus.SCORING_CLOSED
    client.force_login(secretariat_of(call))
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == call.get_absolute_url()
    call.refresh_from_db()
    assert call.status == CallStatus.DECIDED


def test_the_report_is_a_draft_for_the_secretariat_until_decided_then_public(client):
    call = closed_call()
    url = reverse("calls:report", args=[call.pk, "pdf"])
    assert client.get(url).status_code == 404  # the public learns no ranking ahead
    secretariat = secretariat_of(call)
    client.force_login(secretariat)
    draft = client.get(url)
    assert draft.status_code == 200 and "draft" in draft["Content-Disposition"]
    assert "DRAFT" in pdf_text(draft.content)
    assert not IssuedDocument.objects.filter(kind=REPORT_KIND).exists()

    decide(call=call, actor=secretariat)
    client.logout()
    issued = client.get(url)
    archived = IssuedDocument.objects.get(object_id=str(call.pk), kind=REPORT_KIND, format="pdf")
    with archived.file.open("rb") as handle:
        assert issued.content == handle.read()
    assert client.get(reverse("calls:report", args=[call.pk, "odt"])).status_code == 404


def test_the_call_page_offers_the_decision_to_the_secretariat_then_the_report_to_all(client):
    call = closed_call()
    decide_url = reverse("calls:decide", args=[call.pk])
    client.force_login(member_user(call.space))
    assert decide_url not in client.get(call.get_absolute_url()).content.decode()
    secretariat = secretariat_of(call)
    client.force_login(secretariat)
    page = client.get(call.get_absolute_url()).content.decode()
    assert decide_url in page and reverse("calls:report", args=[call.pk, "pdf"]) in page

    decide(call=call, actor=secretariat)
    client.logout()
    page = client.get(call.get_absolute_url()).content.decode()
    assert decide_url not in page
    assert reverse("calls:report", args=[call.pk, "docx"]) in page
