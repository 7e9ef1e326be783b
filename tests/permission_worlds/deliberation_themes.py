"""Themes and prioritisation rounds of the permission table's world.

Placeholders:
- `{theme}`: a theme of `{space}` proposed by someone outside the table's columns, still
  "proposed"; `{member_theme}`: a "proposed" theme of `{space}` by the **member** (its author may
  edit it); `{private_theme}`: a theme of `{private_space}`.
- `{theme_comment}`: the **member**'s comment on `{theme}`, just written (its author may correct
  it); `{hidden_comment}`: someone else's comment on `{theme}`, hidden by the moderator.
- `{round}`: an open dot-voting round of `{space}` on `{theme}` and `{member_theme}` (the member
  and the secretariat vote in it); `{draft_round}`: a round of `{space}` in preparation (hidden
  from all but the secretariat); `{closed_round}`: a closed round of `{space}` with its results;
  `{private_round}`: an open round of `{private_space}`.
- `{round_closes}`: a closing time a week ahead, as the round form takes it.
"""

import datetime

from django.utils import timezone

from palabre.deliberation.models import (
    Ballot,
    BallotEntry,
    PrioritisationRound,
    RoundStatus,
    Theme,
    ThemeComment,
)
from tests.accounts.factories import make_user

NAMESPACES = {"deliberation"}

THEME_FORM = {
    "title": "Chaîne du froid pour la pêche artisanale",
    "description": "Une fabrique de glace au débarcadère de San-Pédro.",
    "axis": "Pêche et économie bleue",
}

PAYLOADS = {
    "deliberation:theme_create": THEME_FORM,
    "deliberation:theme_update": THEME_FORM,
    "deliberation:theme_status": {"status": "under_discussion", "reason": ""},
    "deliberation:theme_support": {"support": "1"},
    "deliberation:theme_comment": {"text": "Les mareyeuses doivent être associées."},
    "deliberation:theme_comment_edit": {"text": "Les mareyeuses de Sassandra aussi."},
    "deliberation:theme_comment_hide": {"reason": "Hors sujet."},
    "deliberation:theme_comment_unhide": {},
    "deliberation:round_create": {
        "title": "Priorités 2027",
        "method": "dot_voting",
        "points": "10",
        "themes": "{theme}",
        "closes_at": "{round_closes}",
    },
    "deliberation:round_update": {
        "title": "Priorités 2027 (revu)",
        "method": "ranking",
        "themes": "{member_theme}",
        "closes_at": "{round_closes}",
    },
    "deliberation:round_open": {},
    "deliberation:round_close": {},
    "deliberation:round_vote": {
        "ballot-TOTAL_FORMS": "1",
        "ballot-INITIAL_FORMS": "1",
        "ballot-0-theme": "{theme}",
        "ballot-0-value": "4",
    },
}


def placeholders(*, space, private_space, users, base) -> dict:
    member, secretariat = users["member"], users["secretariat"]
    proposer = make_user()
    theme = Theme.objects.create(
        space=space,
        title="Débarcadère de San-Pédro",
        description="Un débarcadère aménagé pour la pêche artisanale.",
        proposed_by=proposer,
    )
    member_theme = Theme.objects.create(
        space=space,
        title="Guichet de la diaspora",
        description="Un guichet unique pour les investisseurs de l'extérieur.",
        proposed_by=member,
    )
    private_theme = Theme.objects.create(
        space=private_space,
        title="Budget du forum",
        description="Arbitrages budgétaires du forum de la diaspora.",
        proposed_by=member,
    )
    theme_comment = ThemeComment.objects.create(
        theme=theme, author=member, text="Il faut associer les mareyeuses."
    )
    hidden_comment = ThemeComment.objects.create(
        theme=theme,
        author=proposer,
        text="Annonce commerciale.",
        hidden_at=timezone.now(),
        hidden_by=secretariat,
        hidden_reason="Publicité",
    )
    week = timezone.now() + datetime.timedelta(days=7)

    def a_round(status, on=space, themes=(theme, member_theme), **fields):
        made = PrioritisationRound.objects.create(
            space=on,
            title=f"Priorités ({status})",
            status=status,
            closes_at=fields.pop("closes_at", week),
            created_by=secretariat,
            **fields,
        )
        made.themes.set(themes)
        return made

    closed_round = a_round(
        RoundStatus.CLOSED,
        closes_at=timezone.now() - datetime.timedelta(days=1),
        closed_at=timezone.now() - datetime.timedelta(days=1),
    )
    ballot = Ballot.objects.create(round=closed_round, voter=member)
    BallotEntry.objects.create(ballot=ballot, theme=theme, points=6)
    return {
        "theme": theme.pk,
        "member_theme": member_theme.pk,
        "private_theme": private_theme.pk,
        "theme_comment": theme_comment.pk,
        "hidden_comment": hidden_comment.pk,
        "round": a_round(RoundStatus.OPEN, opened_at=timezone.now()).pk,
        "draft_round": a_round(RoundStatus.DRAFT).pk,
        "closed_round": closed_round.pk,
        "private_round": a_round(RoundStatus.OPEN, on=private_space, themes=[private_theme]).pk,
        "round_closes": timezone.localtime(week).strftime("%Y-%m-%dT%H:%M"),
    }
