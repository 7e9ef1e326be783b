"""The opt-in digest: one e-mail to each investor who asked for it, listing the new matching
opportunities; nothing to the others, nothing when nothing is new, never twice the same one."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from palabre.investment.models import InvestorProfile
from palabre.investment.services.programme import DIGEST_KIND, send_investment_digest
from palabre.notifications.models import Notification
from tests.investment.factories import InvestorProfileFactory, OpportunityFactory, region, sector

pytestmark = pytest.mark.django_db


def days(count: int) -> datetime.timedelta:
    return datetime.timedelta(days=count)


@pytest.fixture
def now():
    return timezone.now()


def investor(now, **fields):
    profile = InvestorProfileFactory(**fields)
    profile.sectors.set([sector("cocoa-coffee")])
    # Created a month ago: what was published since then is new to it.
    InvestorProfile.objects.filter(pk=profile.pk).update(created_at=now - days(30))
    return profile


def run(now, django_capture_on_commit_callbacks) -> int:
    with django_capture_on_commit_callbacks(execute=True):
        return send_investment_digest(now=now)


def test_the_digest_goes_once_to_those_who_opted_in(now, django_capture_on_commit_callbacks):
    subscribed = investor(now, digest_opt_in=True)
    investor(now, digest_opt_in=False)
    investor(now, digest_opt_in=True, is_active=False)
    elsewhere = investor(now, digest_opt_in=True)
    elsewhere.sectors.set([sector("tourism")])
    OpportunityFactory(title="Ancienne unité", published_at=now - days(40))  # before the profile
    first = OpportunityFactory(title="Unité de broyage à Méagui", published_at=now - days(3))
    second = OpportunityFactory(
        title="Séchoir solaire à Soubré", region=region("Nawa"), published_at=now - days(1)
    )

    assert run(now, django_capture_on_commit_callbacks) == 1

    (message,) = mail.outbox
    assert message.to == [subscribed.user.email]
    assert "2 new investment opportunities match your profile" in message.subject
    assert "Unité de broyage à Méagui" in message.body
    assert "Séchoir solaire à Soubré" in message.body
    assert first.get_absolute_url() in message.body and second.get_absolute_url() in message.body
    assert "Ancienne unité" not in message.body
    assert Notification.objects.filter(kind=DIGEST_KIND).count() == 1

    # Nothing new: nothing sent, to anyone.
    assert run(now + days(1), django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 1

    # Only what was published since the last digest.
    OpportunityFactory(title="Plantation d'hévéa à Buyo", published_at=now + days(2))
    assert run(now + days(3), django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 2
    latest = mail.outbox[1].body
    assert "Plantation d'hévéa à Buyo" in latest
    assert "Unité de broyage à Méagui" not in latest and "1 new investment opportunity" in (
        mail.outbox[1].subject
    )


def test_the_command_runs_the_digest(now, capsys):
    investor(now, digest_opt_in=True)
    OpportunityFactory(published_at=now - days(2))
    call_command("investment_digest")
    assert "1 digest(s) sent." in capsys.readouterr().out
    call_command("investment_digest")
    assert "0 digest(s) sent." in capsys.readouterr().out
