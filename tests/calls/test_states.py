"""A call moves draft → published → technical scoring closed → decided, each step only when
it holds what the step needs, and the financial offers open only at the third."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from palabre.calls.models import CallStatus, Criterion, Evaluator
from palabre.calls.services.states import call_transition
from tests.accounts.factories import make_user

from .factories import CallFactory, with_documents, with_grid

pytestmark = pytest.mark.django_db


def refused(call, status, **kwargs) -> str:
    with pytest.raises(ValidationError) as error:
        call_transition(call=call, status=status, actor=make_user(), **kwargs)
    before = call.status
    call.refresh_from_db()
    assert call.status == before
    return " ".join(error.value.messages)


def test_publishing_needs_a_grid_of_100_and_documents():
    call = CallFactory(status=CallStatus.DRAFT)
    message = refused(call, CallStatus.PUBLISHED)
    assert "no criterion" in message and "no document" in message
    with_grid(call)
    with_documents(call)
    Criterion.objects.filter(call=call, is_price=True).update(weight=10)
    assert "90" in refused(call, CallStatus.PUBLISHED)
    Criterion.objects.filter(call=call, is_price=True).update(weight=20)
    call = call_transition(call=call, status=CallStatus.PUBLISHED, actor=make_user())
    assert call.status == CallStatus.PUBLISHED and call.published_on == timezone.localdate()
    assert not call.financial_parts_open


def test_the_technical_scoring_closes_after_the_deadline_once_every_evaluator_submitted():
    call = CallFactory()
    assert "has not passed" in refused(call, CallStatus.SCORING_CLOSED)
    after = call.closes_at + datetime.timedelta(minutes=1)
    assert "no evaluator" in refused(call, CallStatus.SCORING_CLOSED, now=after)
    evaluator = Evaluator.objects.create(
        call=call, user=make_user(full_name="Awa Testkoné"), no_conflict_declared_at=after
    )
    assert "Awa Testkoné" in refused(call, CallStatus.SCORING_CLOSED, now=after)
    Evaluator.objects.filter(pk=evaluator.pk).update(submitted_at=after)
    call = call_transition(
        call=call, status=CallStatus.SCORING_CLOSED, actor=make_user(), now=after
    )
    assert call.financial_parts_open and call.technical_closed_at == after


def test_no_step_is_skipped():
    call = CallFactory(status=CallStatus.DRAFT)
    assert "cannot go from" in refused(call, CallStatus.DECIDED)
