"""The theme and round pages load on slow links and offline deployments: our own stylesheet,
nothing fetched from another origin, and the HTML of every page is served."""

import re

import pytest
from django.urls import reverse

from palabre.deliberation.models import RoundStatus
from palabre.spaces.models import Role
from tests.spaces.factories import SpaceFactory, member_user

from .factories_themes import RoundFactory, ThemeCommentFactory, ThemeFactory, ballot

pytestmark = pytest.mark.django_db

FETCHING_ATTRIBUTE = re.compile(
    r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="([^"]+)"'
)


@pytest.fixture
def pages(client):
    space = SpaceFactory()
    secretariat = member_user(space, role=Role.SECRETARIAT)
    themes = ThemeFactory.create_batch(3, space=space)
    comment = ThemeCommentFactory(theme=themes[0], author=secretariat)
    open_round = RoundFactory(space=space, themes=themes)
    closed = RoundFactory(space=space, themes=themes, status=RoundStatus.CLOSED)
    ballot(closed, member_user(space), points={themes[0]: 6, themes[1]: 4})
    draft = RoundFactory(space=space, themes=themes, status=RoundStatus.DRAFT)
    client.force_login(secretariat)
    s, t = space.slug, themes[0].pk
    return client, [
        ("theme_list", [s]),
        ("theme_create", [s]),
        ("theme", [s, t]),
        ("theme_update", [s, t]),
        ("theme_status", [s, t]),
        ("theme_comment_edit", [s, t, comment.pk]),
        ("theme_comment_hide", [s, t, comment.pk]),
        ("round_list", [s]),
        ("round_create", [s]),
        ("round", [s, open_round.pk]),
        ("round", [s, closed.pk]),
        ("round_update", [s, draft.pk]),
        ("round_vote", [s, open_round.pk]),
    ]


def test_every_page_uses_our_stylesheet_and_nothing_from_elsewhere(pages):
    client, names = pages
    for name, args in names:
        response = client.get(reverse(f"deliberation:{name}", args=args))
        assert response.status_code == 200, name
        fetched = FETCHING_ATTRIBUTE.findall(response.content.decode())
        assert "/static/deliberation/themes.css" in fetched, name
        assert not [url for url in fetched if re.match(r"^(https?:)?//", url)], name
