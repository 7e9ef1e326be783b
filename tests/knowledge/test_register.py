"""The register of a space: who sees which entries, search and filters, the pages, writing an
entry, and the follow-up of a recommendation."""

import datetime

import pytest
from django.urls import reverse

from palabre.audit.models import AuditEvent
from palabre.knowledge.models import (
    CapitalisationReport,
    FollowUp,
    Lesson,
    Priority,
    Recommendation,
    Tag,
)
from palabre.knowledge.services.charter import charter_create, numbered_articles
from palabre.spaces.models import Role, Visibility
from tests.accounts.factories import make_user
from tests.actions.factories import ActionFactory, ActionPlanFactory
from tests.directory.factories import OrganisationFactory
from tests.investment.factories import IncentiveToolFactory
from tests.meetings.factories import MeetingFactory
from tests.queries import queries_for
from tests.spaces.factories import SpaceFactory, member_user

from .register_factories import LessonFactory, RecommendationFactory, TagFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    return SpaceFactory(name="Espace de concertation du Cavally", slug="cavally")


@pytest.fixture
def secretariat(space):
    return member_user(space, role=Role.SECRETARIAT)


def register(client, space, **params) -> str:
    response = client.get(reverse("knowledge:register", args=[space.slug]), params)
    assert response.status_code == 200
    return response.content.decode()


# --- who sees what -------------------------------------------------------------------------------


def test_anonymous_sees_public_entries_members_see_theirs_restricted_stays_hidden(client, space):
    LessonFactory(space=space, title="Leçon publique")
    LessonFactory(space=space, title="Leçon des membres", visibility=Visibility.MEMBERS)
    LessonFactory(space=space, title="Leçon réservée", visibility=Visibility.RESTRICTED)
    LessonFactory(title="Leçon d'un autre espace")

    html = register(client, space)
    assert "Leçon publique" in html
    assert "Leçon des membres" not in html and "Leçon réservée" not in html
    assert "Leçon d'un autre espace" not in html

    client.force_login(member_user(space))
    html = register(client, space)
    assert "Leçon publique" in html and "Leçon des membres" in html
    assert "Leçon réservée" not in html

    client.force_login(member_user(space, role=Role.SECRETARIAT))
    assert "Leçon réservée" in register(client, space)


def test_a_hidden_entry_page_is_refused(client, space):
    members = RecommendationFactory(space=space, visibility=Visibility.MEMBERS)
    restricted = RecommendationFactory(space=space, visibility=Visibility.RESTRICTED)
    response = client.get(members.get_absolute_url())
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(member_user(space))
    assert client.get(members.get_absolute_url()).status_code == 200
    assert client.get(restricted.get_absolute_url()).status_code == 404


# --- search, filters, sort -----------------------------------------------------------------------


def test_search_finds_by_statement_and_context(client, space):
    LessonFactory(
        space=space, title="Participation", statement="Les femmes prennent la parole en atelier."
    )
    LessonFactory(space=space, title="Confiance", context="Forum de la diaspora à Paris.")
    LessonFactory(space=space, title="Financement", statement="Le fonds reste peu connu.")

    html = register(client, space, q="femmes atelier")
    assert "Participation" in html and "Confiance" not in html and "Financement" not in html
    html = register(client, space, q="forum")
    assert "Confiance" in html and "Participation" not in html


def test_filters_by_tag_meeting_tool_priority_status_and_addressee(client, space):
    tag = TagFactory(name="confiance")
    meeting = MeetingFactory(space=space, visibility=Visibility.PUBLIC)
    tool = IncentiveToolFactory(space=space)
    region = OrganisationFactory(name="Conseil régional du Cavally")
    RecommendationFactory(
        space=space,
        title="Tenir un registre public",
        tags=[tag],
        meetings=[meeting],
        priority=Priority.HIGH,
        addressee_organisation=region,
    )
    RecommendationFactory(
        space=space,
        title="Ouvrir un guichet en ligne",
        tools=[tool],
        status=FollowUp.ACCEPTED,
    )
    kind = {"kind": "recommendations"}

    def shows(**params):
        html = register(client, space, **kind, **params)
        return [t for t in ("Tenir un registre public", "Ouvrir un guichet en ligne") if t in html]

    assert shows() == ["Tenir un registre public", "Ouvrir un guichet en ligne"]
    assert shows(tag=tag.pk) == ["Tenir un registre public"]
    assert shows(meeting=meeting.pk) == ["Tenir un registre public"]
    assert shows(tool=tool.pk) == ["Ouvrir un guichet en ligne"]
    assert shows(priority="high") == ["Tenir un registre public"]
    assert shows(status="accepted") == ["Ouvrir un guichet en ligne"]
    assert shows(addressee=region.pk) == ["Tenir un registre public"]


def test_the_register_sorts_by_title_and_a_card_shows_its_links(client, space):
    meeting = MeetingFactory(space=space, visibility=Visibility.PUBLIC, title="Forum de Guiglo")
    secret = MeetingFactory(space=space, visibility=Visibility.RESTRICTED, title="Huis clos")
    lesson = LessonFactory(space=space, title="B — la confiance", meetings=[meeting, secret])
    RecommendationFactory(space=space, title="Publier les comptes", lessons=[lesson])
    LessonFactory(space=space, title="A — le financement")

    html = register(client, space, sort="title")
    assert html.index("A — le financement") < html.index("B — la confiance")
    assert "Forum de Guiglo" in html and "Publier les comptes" in html
    assert "Huis clos" not in html


def test_the_register_exports_what_is_filtered(client, space):
    RecommendationFactory(space=space, title="Publier les comptes", priority=Priority.HIGH)
    RecommendationFactory(space=space, title="Traduire le guide", priority=Priority.LOW)
    RecommendationFactory(space=space, title="Note réservée", visibility=Visibility.RESTRICTED)
    url = reverse("knowledge:register_export", args=[space.slug, "csv"])
    response = client.get(url, {"kind": "recommendations", "priority": "high"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "Publier les comptes" in text and "High" in text
    assert "Traduire le guide" not in text and "Note réservée" not in text


def _entries(space, count: int) -> None:
    meeting = MeetingFactory(space=space, visibility=Visibility.PUBLIC)
    tool = IncentiveToolFactory(space=space)
    action = ActionFactory(plan=ActionPlanFactory(space=space))
    tag = TagFactory()
    for _n in range(count):
        lesson = LessonFactory(
            space=space, meetings=[meeting], tools=[tool], actions=[action], tags=[tag]
        )
        RecommendationFactory(
            space=space,
            meetings=[meeting],
            tools=[tool],
            lessons=[lesson],
            tags=[tag],
            addressee_organisation=OrganisationFactory(),
        )


@pytest.mark.parametrize("kind", ["lessons", "recommendations"])
def test_the_register_costs_the_same_with_10_or_200_entries(client, space, secretariat, kind):
    client.force_login(secretariat)
    url = reverse("knowledge:register", args=[space.slug]) + f"?kind={kind}"
    _entries(space, 10)
    few = queries_for(client, url)
    _entries(space, 190)
    assert queries_for(client, url) == few


# --- writing -------------------------------------------------------------------------------------


def test_the_secretariat_writes_a_lesson_with_new_tags_and_links(client, space, secretariat):
    meeting = MeetingFactory(space=space)
    TagFactory(name="Diaspora")
    client.force_login(secretariat)
    url = reverse("knowledge:lesson_create", args=[space.slug])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": "La diaspora suit mieux à distance",
            "statement": "Les réunions hybrides doublent la participation de la diaspora.",
            "learned_on": "2026-03-10",
            "visibility": "public",
            "tags": "diaspora, participation à distance, Diaspora",
            "meetings": [meeting.pk],
        },
    )
    lesson = Lesson.objects.get()
    assert response["Location"] == lesson.get_absolute_url()
    assert sorted(lesson.tags.values_list("name", flat=True)) == [
        "Diaspora",
        "participation à distance",
    ]
    assert Tag.objects.count() == 2
    assert list(lesson.meetings.all()) == [meeting]
    assert AuditEvent.objects.filter(action="knowledge.lesson_create").exists()
    html = client.get(lesson.get_absolute_url()).content.decode()
    assert "Les réunions hybrides doublent" in html and meeting.title in html


def test_links_to_another_space_are_refused(client, space, secretariat):
    other_meeting = MeetingFactory()
    client.force_login(secretariat)
    response = client.post(
        reverse("knowledge:recommendation_create", args=[space.slug]),
        {
            "title": "Ouvrir un guichet",
            "statement": "Ouvrir un guichet diaspora à Guiglo.",
            "addressee": "Conseil régional",
            "priority": "high",
            "visibility": "public",
            "meetings": [other_meeting.pk],
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Recommendation.objects.exists()


def test_a_recommendation_needs_an_addressee(client, space, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("knowledge:recommendation_create", args=[space.slug]),
        {"title": "Ouvrir", "statement": "Ouvrir.", "priority": "high", "visibility": "public"},
    )
    assert "Say to whom the recommendation is addressed" in response.content.decode()
    assert not Recommendation.objects.exists()


def test_a_member_may_not_write_or_edit(client, space):
    lesson = LessonFactory(space=space, title="Avant")
    client.force_login(member_user(space))
    form = {"title": "Après", "statement": "Texte.", "learned_on": "2026-01-01"}
    assert (
        client.post(reverse("knowledge:lesson_create", args=[space.slug]), form).status_code == 403
    )
    edit = reverse("knowledge:lesson_edit", args=[space.slug, lesson.pk])
    assert client.post(edit, {**form, "visibility": "public"}).status_code == 403
    lesson.refresh_from_db()
    assert lesson.title == "Avant" and Lesson.objects.count() == 1


def test_editing_keeps_the_links_and_is_audited(client, space, secretariat):
    tool = IncentiveToolFactory(space=space)
    lesson = LessonFactory(space=space, title="Avant", tools=[tool], tags=[TagFactory(name="x")])
    client.force_login(secretariat)
    edit = reverse("knowledge:lesson_edit", args=[space.slug, lesson.pk])
    html = client.get(edit).content.decode()
    assert 'value="x"' in html
    client.post(
        edit,
        {
            "title": "Après",
            "statement": lesson.statement,
            "learned_on": "2026-01-01",
            "visibility": "members",
            "tools": [tool.pk],
            "tags": "x",
        },
    )
    lesson.refresh_from_db()
    assert lesson.title == "Après" and list(lesson.tools.all()) == [tool]
    event = AuditEvent.objects.get(action="knowledge.lesson_update")
    assert event.changes["title"] == ["Avant", "Après"]


# --- follow-up -----------------------------------------------------------------------------------


def follow(client, recommendation, **data):
    url = reverse("knowledge:follow_up", args=[recommendation.space.slug, recommendation.pk])
    return client.post(url, {"date": "2026-05-04", **data})


def test_the_follow_up_records_dated_moves(client, space, secretariat):
    recommendation = RecommendationFactory(space=space, title="Publier les comptes")
    client.force_login(secretariat)
    response = follow(
        client, recommendation, status="accepted", text="Le bureau l'adopte en séance."
    )
    assert response.status_code == 302
    follow(client, recommendation, status="in_progress", text="Le premier rapport est en ligne.")
    recommendation.refresh_from_db()
    assert recommendation.status == FollowUp.IN_PROGRESS
    assert [(u.from_status, u.to_status) for u in recommendation.updates.all()] == [
        ("proposed", "accepted"),
        ("accepted", "in_progress"),
    ]
    assert recommendation.updates.first().date == datetime.date(2026, 5, 4)
    html = client.get(recommendation.get_absolute_url()).content.decode()
    assert "Proposed → Accepted" in html and "Le premier rapport est en ligne." in html
    assert AuditEvent.objects.filter(action="knowledge.follow_up").count() == 2


def test_a_move_not_allowed_is_refused_and_nothing_changes(client, space, secretariat):
    recommendation = RecommendationFactory(space=space)
    client.force_login(secretariat)
    response = follow(client, recommendation, status="implemented", text="Fait.")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    response = follow(client, recommendation, status="accepted", text="")
    assert "This field is required" in response.content.decode()
    recommendation.refresh_from_db()
    assert recommendation.status == FollowUp.PROPOSED
    assert not recommendation.updates.exists()
    assert not AuditEvent.objects.filter(action="knowledge.follow_up").exists()


def test_the_service_refuses_a_move_not_allowed(space):
    from django.core.exceptions import ValidationError

    from palabre.knowledge.services.register import follow_up

    recommendation = RecommendationFactory(space=space, status=FollowUp.IMPLEMENTED)
    with pytest.raises(ValidationError):
        follow_up(recommendation=recommendation, actor=make_user(), status="set_aside", text="Non")
    recommendation.refresh_from_db()
    assert recommendation.status == FollowUp.IMPLEMENTED and not recommendation.updates.exists()


def test_a_member_may_not_follow_up(client, space):
    recommendation = RecommendationFactory(space=space)
    client.force_login(member_user(space))
    assert follow(client, recommendation, status="accepted", text="Oui").status_code == 403
    assert (
        "Record a follow-up update"
        not in client.get(recommendation.get_absolute_url()).content.decode()
    )
    recommendation.refresh_from_db()
    assert recommendation.status == FollowUp.PROPOSED


# --- where an entry is used ----------------------------------------------------------------------


def test_an_entry_leads_to_the_charter_articles_citing_it_and_to_its_reports(client, space):
    secretariat = member_user(space, role=Role.SECRETARIAT)
    lesson = LessonFactory(space=space, visibility=Visibility.PUBLIC)
    recommendation = RecommendationFactory(space=space, visibility=Visibility.PUBLIC)
    charter = charter_create(space=space, actor=secretariat, from_model=True, language="fr")
    number, article = numbered_articles(charter)[3]
    article.recommendations.add(recommendation)
    report = CapitalisationReport.objects.create(
        space=space,
        title="Étape 1 — constitution",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        created_by=secretariat,
    )
    report.lessons.add(lesson)

    client.force_login(member_user(space))
    page = client.get(recommendation.get_absolute_url()).content.decode()
    assert f"Charter, article {number} — {article.title}" in page
    assert f"#article-title-{article.pk}" in page
    assert "Capitalisation report: Étape 1 — constitution" not in page
    assert (
        "Capitalisation report: Étape 1 — constitution"
        in client.get(lesson.get_absolute_url()).content.decode()
    )
    # A draft charter is not for anonymous visitors: the entry does not lead them to it.
    client.logout()
    assert "Charter, article" not in client.get(recommendation.get_absolute_url()).content.decode()
