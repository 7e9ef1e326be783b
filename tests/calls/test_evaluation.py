"""The committee: nothing of the offers before declaring, independent scores, the financial
offers and the ranking only once the technical scoring is closed (for site admins too)."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from palabre.audit.models import AuditEvent
from palabre.calls.models import CallStatus, Evaluator, Score, Submission, SubmissionFile
from palabre.calls.services.evaluation import scores_submit
from palabre.spaces.models import Role
from tests.accounts.factories import make_admin, make_user
from tests.spaces.factories import member_user

from .factories import PDF, CallFactory, with_documents, with_grid
from .test_public import queries_for
from .test_ranking import EXPECTED, OFFERS, scored_call

pytestmark = pytest.mark.django_db

PRICE = "40000000"


def shows_price(page: str) -> bool:
    """The price of every offer of `closed_call`, however the language groups its digits."""
    return any(f"40{sep}000{sep}000" in page for sep in ("", " ", ",", ".", "\u00a0", "\u202f"))


def closed_call():
    """A call whose deadline passed, with the grid, two offers with their files, and an evaluator
    who has not declared yet."""
    call = CallFactory(closes_at=timezone.now() - datetime.timedelta(hours=1))
    with_grid(call)
    documents = with_documents(call)
    for name in ("Cabinet Akwaba Conseil", "Bureau Sahel Études"):
        submission = Submission.objects.create(
            call=call,
            applicant=make_user(),
            applicant_name=name,
            price=Decimal(PRICE),
            receipt_checksum="0" * 64,
        )
        for document in documents.values():
            item = SubmissionFile(submission=submission, requirement=document, sha256="0", size=1)
            item.file.save(f"{document.part}.pdf", ContentFile(PDF), save=False)
            item.save()
    seat = Evaluator.objects.create(call=call, user=make_user())
    return call, seat


def pages(call, submission):
    return [
        reverse("calls:evaluation", args=[call.pk]),
        reverse("calls:score_sheet", args=[call.pk, submission.pk]),
        reverse("calls:financial", args=[call.pk]),
        reverse("calls:ranking", args=[call.pk]),
        *[
            reverse("calls:evaluation_file", args=[call.pk, item.pk])
            for item in submission.files.all()
        ],
    ]


def test_an_evaluator_who_has_not_declared_sees_nothing(client):
    call, seat = closed_call()
    submission = call.submissions.first()
    client.force_login(seat.user)
    for url in pages(call, submission):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Akwaba" not in response.content.decode()
    declaration = client.get(reverse("calls:declare", args=[call.pk]))
    assert declaration.status_code == 200
    assert "Akwaba" not in declaration.content.decode()


def test_declaring_opens_the_technical_offers_without_the_price(client):
    call, seat = closed_call()
    submission = call.submissions.order_by("applicant_name").last()
    client.force_login(seat.user)
    response = client.post(reverse("calls:declare", args=[call.pk]), {"answer": "no_conflict"})
    assert response.url == reverse("calls:evaluation", args=[call.pk])
    seat.refresh_from_db()
    assert seat.no_conflict_declared_at is not None
    assert AuditEvent.objects.filter(action="calls.no_conflict").count() == 1
    listing = client.get(reverse("calls:evaluation", args=[call.pk])).content.decode()
    sheet = client.get(reverse("calls:score_sheet", args=[call.pk, submission.pk]))
    assert "Cabinet Akwaba Conseil" in listing
    for page in (listing, sheet.content.decode()):
        assert "Note méthodologique" in page
        assert "Offre financière" not in page
        assert not shows_price(page)
    technical = submission.files.filter(requirement__part="technical").first()
    financial = submission.files.get(requirement__part="financial")
    file_url = "calls:evaluation_file"
    assert client.get(reverse(file_url, args=[call.pk, technical.pk])).status_code == 200
    assert client.get(reverse(file_url, args=[call.pk, financial.pk])).status_code == 403


def test_declaring_a_conflict_withdraws_the_evaluator(client):
    call, seat = closed_call()
    client.force_login(seat.user)
    client.post(reverse("calls:declare", args=[call.pk]), {"answer": "conflict"})
    assert not Evaluator.objects.filter(pk=seat.pk).exists()
    assert AuditEvent.objects.filter(action="calls.conflict").count() == 1
    assert client.get(reverse("calls:evaluation", args=[call.pk])).status_code == 403


def declared(seat):
    seat.no_conflict_declared_at = timezone.now()
    seat.save()
    return seat


def fill_sheet(client, call, seat, submission, value):
    criteria = call.criteria.filter(is_price=False)
    data = {f"value_{c.pk}": str(value) for c in criteria}
    data |= {f"comment_{c.pk}": f"Avis {value}" for c in criteria}
    return client.post(reverse("calls:score_sheet", args=[call.pk, submission.pk]), data)


def test_the_others_scores_stay_hidden_until_handing_in(client):
    call, seat = closed_call()
    declared(seat)
    other = declared(Evaluator.objects.create(call=call, user=make_user()))
    submission = call.submissions.first()
    client.force_login(other.user)
    for offer in call.submissions.all():
        fill_sheet(client, call, other, offer, 73)
    client.post(reverse("calls:submit_scores", args=[call.pk]))
    other.refresh_from_db()
    assert other.submitted_at is not None

    client.force_login(seat.user)
    url = reverse("calls:score_sheet", args=[call.pk, submission.pk])
    assert "Avis 73" not in client.get(url).content.decode()
    fill_sheet(client, call, seat, submission, 55)
    response = client.post(reverse("calls:submit_scores", args=[call.pk]), follow=True)
    assert "Still to score" in response.content.decode()  # the second offer
    seat.refresh_from_db()
    assert seat.submitted_at is None
    for offer in call.submissions.all():
        fill_sheet(client, call, seat, offer, 55)
    client.post(reverse("calls:submit_scores", args=[call.pk]))
    page = client.get(url).content.decode()
    assert "Avis 73" in page and str(other.user) in page
    # Handed in: locked.
    fill_sheet(client, call, seat, submission, 99)
    assert not Score.objects.filter(evaluator=seat, value=99).exists()


def test_scores_go_from_0_to_100(client):
    call, seat = closed_call()
    declared(seat)
    client.force_login(seat.user)
    response = fill_sheet(client, call, seat, call.submissions.first(), 101)
    assert response.status_code == 200
    assert not Score.objects.exists()


def test_an_applicant_cannot_sit_on_the_committee(client):
    call, _seat = closed_call()
    secretariat = member_user(call.space, role=Role.SECRETARIAT)
    applicant = call.submissions.first().applicant
    client.force_login(secretariat)
    response = client.post(reverse("calls:evaluators", args=[call.pk]), {"email": applicant.email})
    assert "cannot evaluate it" in response.content.decode()
    assert not call.evaluators.filter(user=applicant).exists()
    newcomer = make_user()
    client.post(reverse("calls:evaluators", args=[call.pk]), {"email": newcomer.email.upper()})
    assert call.evaluators.filter(user=newcomer).exists()


@pytest.mark.parametrize("who", ["evaluator", "secretariat", "admin"])
def test_nobody_sees_the_financial_offers_before_the_scoring_is_closed(client, who):
    call = scored_call()
    seat = call.evaluators.first()
    user = {
        "evaluator": lambda: seat.user,
        "secretariat": lambda: member_user(call.space, role=Role.SECRETARIAT),
        "admin": make_admin,
    }[who]()
    client.force_login(user)
    for name in ("financial", "ranking"):
        assert client.get(reverse(f"calls:{name}", args=[call.pk])).status_code == 403
    call.status = CallStatus.SCORING_CLOSED
    call.save()
    for name in ("financial", "ranking"):
        assert client.get(reverse(f"calls:{name}", args=[call.pk])).status_code == 200


def test_the_financial_offers_show_the_prices_once_open(client):
    call, seat = closed_call()
    declared(seat)
    call.status = CallStatus.SCORING_CLOSED
    call.save()
    client.force_login(seat.user)
    page = client.get(reverse("calls:financial", args=[call.pk])).content.decode()
    assert shows_price(page) and "Offre financière" in page


def test_the_ranking_page_shows_the_order_computed_by_hand(client):
    call = scored_call()
    call.status = CallStatus.SCORING_CLOSED
    call.save()
    client.force_login(call.evaluators.first().user)
    page = client.get(reverse("calls:ranking", args=[call.pk])).content.decode()
    positions = [page.index(name) for name, *_ in EXPECTED]
    assert positions == sorted(positions)
    for _name, technical, price, total in EXPECTED:
        assert technical in page and price in page and total in page
    assert page.index("Offers not ranked") < page.index("Groupement Atlantique")
    assert len(OFFERS) == 4


def add_offers(call, count):
    for number in range(count):
        Submission.objects.create(
            call=call,
            applicant=make_user(),
            applicant_name=f"Cabinet {number}",
            price=Decimal(PRICE),
            receipt_checksum="0" * 64,
        )


def test_the_evaluation_list_costs_the_same_with_2_or_20_offers(client):
    call, seat = closed_call()
    declared(seat)
    client.force_login(seat.user)
    url = reverse("calls:evaluation", args=[call.pk])
    few = queries_for(client, url)
    add_offers(call, 18)
    assert queries_for(client, url) == few


def test_handing_in_needs_every_eligible_offer_scored():
    call, seat = closed_call()
    declared(seat)
    with pytest.raises(Exception, match="Cabinet Akwaba Conseil"):
        scores_submit(evaluator=seat, actor=seat.user)


def test_the_call_page_leads_each_evaluator_to_the_next_step(client):
    call, seat = closed_call()
    client.force_login(seat.user)
    page = client.get(call.get_absolute_url()).content.decode()
    assert reverse("calls:declare", args=[call.pk]) in page
    assert reverse("calls:evaluation", args=[call.pk]) not in page
    declared(seat)
    page = client.get(call.get_absolute_url()).content.decode()
    assert reverse("calls:evaluation", args=[call.pk]) in page
    assert reverse("calls:ranking", args=[call.pk]) not in page


def test_a_site_admin_is_not_led_to_a_seat_they_do_not_hold(client):
    call, _seat = closed_call()
    client.force_login(make_admin())
    page = client.get(call.get_absolute_url()).content.decode()
    assert reverse("calls:evaluators", args=[call.pk]) in page
    assert reverse("calls:declare", args=[call.pk]) not in page
    assert reverse("calls:ranking", args=[call.pk]) not in page


def test_the_secretariat_removes_an_evaluator_until_the_scoring_closes(client):
    call, seat = closed_call()
    other = Evaluator.objects.create(call=call, user=make_user())
    client.force_login(member_user(call.space, role=Role.SECRETARIAT))
    url = reverse("calls:evaluators", args=[call.pk])
    page = client.get(url).content.decode()
    assert str(seat.user) in page and "Not declared yet" in page
    client.post(url, {"remove": seat.pk})
    assert not Evaluator.objects.filter(pk=seat.pk).exists()
    call.status = CallStatus.SCORING_CLOSED
    call.save()
    client.post(url, {"remove": other.pk})
    assert Evaluator.objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize("name", ["evaluators", "financial", "ranking"])
def test_the_committee_pages_cost_the_same_with_2_or_20_offers(client, name):
    call, seat = closed_call()
    declared(seat)
    call.status = CallStatus.SCORING_CLOSED
    call.save()
    client.force_login(member_user(call.space, role=Role.SECRETARIAT))
    url = reverse(f"calls:{name}", args=[call.pk])
    few = queries_for(client, url)
    add_offers(call, 18)
    for _ in range(5):
        Evaluator.objects.create(call=call, user=make_user())
    assert queries_for(client, url) == few
