"""The programme's own operations: the dated exchange rates an administrator maintains, and the
opt-in e-mail digest of new opportunities that match each investor's profile."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from palabre.audit.services import audit_record
from palabre.core.permissions import check_perm
from palabre.notifications.services import notify

from ..models import ExchangeRate, InvestorProfile
from .matching import matching_opportunities, opportunities_for_matching
from .rates import RateBook, reporting_currency

DIGEST_KIND = "investment.digest"


@transaction.atomic
def rate_add(
    *, actor, currency: str, valid_from: datetime.date, rate: Decimal, source: str = ""
) -> ExchangeRate:
    """A new dated rate; the amounts dated from `valid_from` on are converted with it."""
    check_perm(actor, "investment.manage_rates")
    if currency == reporting_currency():
        raise ValidationError(
            {
                "currency": _("%(currency)s is the reporting currency: its rate is always 1.")
                % {"currency": currency}
            }
        )
    exchange_rate = ExchangeRate(
        currency=currency, valid_from=valid_from, rate=rate, source=source.strip()
    )
    exchange_rate.full_clean()
    exchange_rate.save()
    audit_record(
        actor=actor,
        action="investment.rate_add",
        target=exchange_rate,
        changes={"currency": currency, "valid_from": str(valid_from), "rate": str(rate)},
    )
    return exchange_rate


def send_investment_digest(*, now: datetime.datetime | None = None) -> int:
    """For each active profile that opted in, one notification (e-mailed as its owner chose)
    listing the matching opportunities published since the last digest (or since the profile
    was created) up to `now`; returns how many were sent. A profile with nothing new gets
    nothing; each run starts where the last one ended, so no opportunity comes twice."""
    now = now or timezone.now()
    sent = 0
    profiles = InvestorProfile.objects.filter(
        is_active=True, digest_opt_in=True, user__is_active=True
    ).order_by("pk")
    for profile_id in profiles.values_list("pk", flat=True):
        sent += _digest_one(profile_id, now)
    return sent


@transaction.atomic
def _digest_one(profile_id: int, now: datetime.datetime) -> bool:
    # Locked, so that two runs at once cannot both send the same window.
    profile = InvestorProfile.objects.select_for_update().select_related("user").get(pk=profile_id)
    since = profile.digest_sent_until or profile.created_at
    if since >= now:
        return False
    new = opportunities_for_matching(profile.user).filter(
        published_at__gt=since, published_at__lte=now
    )
    matches = matching_opportunities(profile, book=RateBook(), opportunities=new)
    profile.digest_sent_until = now
    profile.save(update_fields=["digest_sent_until"])
    if not matches:
        return False
    opportunities = [match.item for match in matches]
    notify(
        recipients=[profile.user],
        subject=lambda user: (
            ngettext(
                "%(count)d new investment opportunity matches your profile",
                "%(count)d new investment opportunities match your profile",
                len(opportunities),
            )
            % {"count": len(opportunities)}
        ),
        body=lambda user: _digest_body(opportunities),
        url=reverse("investment:investor_matches", args=[profile.pk]),
        kind=DIGEST_KIND,
    )
    return True


def _digest_body(opportunities) -> str:
    site = settings.SITE_URL.rstrip("/")
    lines = [
        _("%(title)s — %(sector)s, %(region)s: %(link)s")
        % {
            "title": opportunity.title,
            "sector": opportunity.sector.name,
            "region": opportunity.region.name,
            "link": site + opportunity.get_absolute_url(),
        }
        for opportunity in opportunities
    ]
    return "\n".join(lines)
