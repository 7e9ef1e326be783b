"""Comment threads on a theme: replies, a short time to correct, moderation that hides with a
public reason (never deletes), audited, with the full text kept for the moderators."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from palabre.audit.models import AuditEvent
from palabre.deliberation.models import ThemeComment, ThemeStatus
from palabre.deliberation.services.themes import (
    theme_comment_add,
    theme_comment_edit,
    theme_comment_hide,
    theme_comment_unhide,
)
from palabre.notifications.models import Notification
from palabre.spaces.models import Role
from tests.accounts.factories import make_user
from tests.spaces.factories import SpaceFactory, member_user

from .factories_themes import ThemeCommentFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    return SpaceFactory(slug="concertation")


@pytest.fixture
def theme(space):
    return ThemeFactory(space=space, title="Emploi des jeunes dans le Cavally")


@pytest.fixture
def member(space):
    return member_user(space)


@pytest.fixture
def secretariat(space):
    return member_user(space, role=Role.SECRETARIAT)


def url(name, theme, *args):
    return reverse(f"deliberation:{name}", args=[theme.space.slug, theme.pk, *args])


def test_a_member_comments_and_the_proposer_is_told(client, theme, member):
    client.force_login(member)

    response = client.post(url("theme_comment", theme), {"text": "  Former aux métiers du port. "})

    comment = ThemeComment.objects.get()
    assert response.status_code == 302
    assert response.url == f"{theme.get_absolute_url()}#comment-{comment.pk}"
    assert comment.text == "Former aux métiers du port." and comment.author == member
    page = client.get(theme.get_absolute_url()).content.decode()
    assert "Former aux métiers du port." in page and "1 comment" in page
    told = Notification.objects.get(recipient=theme.proposed_by)
    assert told.subject == "A comment on your theme “Emploi des jeunes dans le Cavally”"


def test_an_empty_comment_comes_back_with_a_message(client, theme, member):
    client.force_login(member)

    response = client.post(url("theme_comment", theme), {"text": "   "})

    assert response.status_code == 200
    assert "Write your comment." in response.content.decode()
    assert not ThemeComment.objects.exists()


def test_replies_stay_one_level_deep_and_tell_the_author_replied_to(theme, member):
    first = ThemeCommentFactory(theme=theme, text="Quels métiers ?")
    reply = theme_comment_add(theme=theme, actor=member, text="Logistique.", parent=first)
    second = theme_comment_add(theme=theme, actor=make_user(), text="Et la pêche.", parent=reply)

    assert reply.parent == first and second.parent == first
    assert Notification.objects.filter(recipient=first.author, kind="theme_comment").count() == 2


def test_a_reply_to_a_comment_of_another_theme_is_refused(theme, member):
    elsewhere = ThemeCommentFactory(theme=ThemeFactory(space=theme.space))

    with pytest.raises(ValidationError, match="another theme"):
        theme_comment_add(theme=theme, actor=member, text="Réponse", parent=elsewhere)
    assert ThemeComment.objects.count() == 1


def test_the_page_shows_threads_with_their_replies(client, theme, member):
    first = ThemeCommentFactory(theme=theme, text="Premier fil.")
    ThemeCommentFactory(theme=theme, parent=first, text="Réponse au premier fil.")
    ThemeCommentFactory(theme=theme, text="Second fil.")
    client.force_login(member)

    page = client.get(theme.get_absolute_url()).content.decode()

    assert (
        page.index("Premier fil.")
        < page.index("Réponse au premier fil.")
        < page.index("Second fil.")
    )
    assert page.count('class="theme-replies"') == 1
    assert page.count("<summary>Reply</summary>") == 2


def test_the_author_corrects_within_fifteen_minutes_only(client, theme, member):
    comment = ThemeCommentFactory(theme=theme, author=member, text="Premier jet")
    client.force_login(member)
    edit_url = url("theme_comment_edit", theme, comment.pk)
    assert "Edit</a>" in client.get(theme.get_absolute_url()).content.decode()

    response = client.post(edit_url, {"text": "Version corrigée"})

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.text == "Version corrigée" and comment.edited_at is not None
    assert "edited" in client.get(theme.get_absolute_url()).content.decode()

    ThemeComment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=16)
    )
    assert client.post(edit_url, {"text": "Trop tard"}).status_code == 403
    comment.refresh_from_db()
    assert comment.text == "Version corrigée"
    with pytest.raises(ValidationError, match="15 minutes"):
        theme_comment_edit(comment=comment, actor=member, text="Trop tard")


def test_nobody_else_edits_a_comment(client, theme, member, secretariat):
    comment = ThemeCommentFactory(theme=theme, text="Texte d'origine")
    for user in (member, secretariat):
        client.force_login(user)
        response = client.post(url("theme_comment_edit", theme, comment.pk), {"text": "Changé"})
        assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.text == "Texte d'origine"


def test_the_secretariat_hides_with_a_reason_others_see_the_reason(client, theme, secretariat):
    comment = ThemeCommentFactory(theme=theme, text="Propos injurieux envers un élu.")
    client.force_login(secretariat)

    response = client.post(
        url("theme_comment_hide", theme, comment.pk), {"reason": "Propos injurieux."}
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_by == secretariat
    event = AuditEvent.objects.get(action="theme_comment.hide")
    assert event.object_id == str(comment.pk) and event.note == "Propos injurieux."
    assert Notification.objects.filter(recipient=comment.author, kind="theme_comment_hidden")

    # The moderator still reads the text; a member and a visitor read only the reason.
    moderator_page = client.get(theme.get_absolute_url()).content.decode()
    assert "Propos injurieux envers un élu." in moderator_page and "Show again" in moderator_page
    for reader in (member_user(theme.space), None):
        if reader:
            client.force_login(reader)
        else:
            client.logout()
        page = client.get(theme.get_absolute_url()).content.decode()
        assert "Hidden by the moderator: Propos injurieux." in page
        assert "envers un élu" not in page


def test_the_chair_moderates_too_and_may_show_again(client, theme):
    chair = member_user(theme.space, role=Role.CHAIR)
    comment = ThemeCommentFactory(theme=theme, text="Publicité pour un commerce.")
    theme_comment_hide(comment=comment, actor=chair, reason="Publicité")
    client.force_login(chair)

    response = client.post(url("theme_comment_unhide", theme, comment.pk))

    assert response.status_code == 302
    comment.refresh_from_db()
    assert not comment.is_hidden and comment.hidden_reason == ""
    assert AuditEvent.objects.get(action="theme_comment.unhide").note == "Publicité"


def test_hiding_needs_a_reason(client, theme, secretariat):
    comment = ThemeCommentFactory(theme=theme)
    client.force_login(secretariat)

    response = client.post(url("theme_comment_hide", theme, comment.pk), {"reason": ""})

    assert response.status_code == 200
    assert "Give the reason for hiding this comment." in response.content.decode()
    comment.refresh_from_db()
    assert not comment.is_hidden and not AuditEvent.objects.exists()
    with pytest.raises(ValidationError):
        theme_comment_hide(comment=comment, actor=secretariat, reason="  ")
    with pytest.raises(ValidationError, match="not hidden"):
        theme_comment_unhide(comment=comment, actor=secretariat)


@pytest.mark.parametrize("name", ["theme_comment_hide", "theme_comment_unhide"])
def test_a_member_may_not_moderate(client, theme, member, secretariat, name):
    comment = ThemeCommentFactory(theme=theme)
    if name == "theme_comment_unhide":
        theme_comment_hide(comment=comment, actor=secretariat, reason="Hors sujet")
    before = ThemeComment.objects.values_list("hidden_at", "hidden_reason").get()
    events = AuditEvent.objects.count()
    client.force_login(member)

    response = client.post(url(name, theme, comment.pk), {"reason": "Je n'aime pas"})

    assert response.status_code == 403
    assert ThemeComment.objects.values_list("hidden_at", "hidden_reason").get() == before
    assert AuditEvent.objects.count() == events


def test_a_hidden_comment_takes_no_reply(client, theme, member, secretariat):
    comment = ThemeCommentFactory(theme=theme)
    theme_comment_hide(comment=comment, actor=secretariat, reason="Hors sujet")

    with pytest.raises(ValidationError, match="takes no reply"):
        theme_comment_add(theme=theme, actor=member, text="Réponse", parent=comment)
    client.force_login(member)
    assert "<summary>Reply</summary>" not in client.get(theme.get_absolute_url()).content.decode()
    assert ThemeComment.objects.count() == 1


def test_a_hidden_comment_cannot_be_edited_by_its_author(theme, member, secretariat):
    comment = ThemeCommentFactory(theme=theme, author=member)
    theme_comment_hide(comment=comment, actor=secretariat, reason="Hors sujet")

    with pytest.raises(ValidationError, match="hidden comment"):
        theme_comment_edit(comment=comment, actor=member, text="Autre chose")


def test_a_theme_in_any_status_can_still_be_discussed(theme, member):
    theme.status = ThemeStatus.SET_ASIDE
    theme.status_reason = "Hors mandat"
    theme.save()

    comment = theme_comment_add(theme=theme, actor=member, text="Je regrette ce choix.")

    assert comment.pk


def test_names_are_for_members_visitors_read_the_debate_without_them(client, theme, member):
    author = member_user(theme.space)
    author.full_name = "Aya N'Guessan"
    author.save()
    ThemeCommentFactory(theme=theme, author=author, text="Depuis Lyon, nous soutenons.")

    visitor_page = client.get(theme.get_absolute_url()).content.decode()
    client.force_login(member)
    member_page = client.get(theme.get_absolute_url()).content.decode()

    assert "Depuis Lyon, nous soutenons." in visitor_page
    assert "N&#x27;Guessan" not in visitor_page and "A member of the space" in visitor_page
    assert "Aya N&#x27;Guessan" in member_page
