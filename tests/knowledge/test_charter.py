"""The charter of a space: started from the model charter, written by the secretariat while a
draft, commented by members, approved and published through the workflow, read by the public once
published, and compared word by word between versions."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from palabre.knowledge.models import (
    Charter,
    CharterArticle,
    CharterSection,
    Lesson,
    Recommendation,
    SectionKind,
)
from palabre.knowledge.services.charter import charter_create, numbered_articles
from palabre.spaces.models import Role, Vote
from palabre.territories.models import Region
from palabre.workflow.models import ReviewComment, Revision, State
from palabre.workflow.selectors import diff_with_previous
from palabre.workflow.services import workflow_act
from tests.queries import queries_for
from tests.spaces.factories import CollegeFactory, SpaceFactory, member_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    space = SpaceFactory(name="Espace de concertation de la Nawa", slug="nawa")
    CollegeFactory(space=space, name="Collège des régions", order=1)
    CollegeFactory(space=space, name="Partenaires techniques et financiers", order=2)
    for name in ("Nawa", "San-Pédro"):
        space.regions.add(Region.objects.create(country=space.country, name=name))
    return space


@pytest.fixture
def people(space):
    regions = space.colleges.get(order=1)
    return {
        "secretariat": member_user(space, role=Role.SECRETARIAT, college=regions),
        "approver": member_user(space, role=Role.APPROVER, college=regions),
        "member": member_user(space, college=regions),
        "outsider": member_user(SpaceFactory()),
    }


@pytest.fixture
def charter(space, people):
    return charter_create(space=space, actor=people["secretariat"], from_model=True, language="fr")


def url(name, space, *args):
    return reverse(f"knowledge:{name}", args=[space.slug, *args])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def act(charter, people, *actions):
    actors = {"submit": "secretariat", "approve": "approver", "publish": "approver"}
    for action in actions:
        workflow_act(obj=charter, action=action, actor=people[actors.get(action, "secretariat")])
    charter.refresh_from_db()
    return charter


def state_of(charter) -> tuple:
    """Everything the secretariat can change, to show that a refusal changed nothing."""
    charter.refresh_from_db()
    return (
        charter.title,
        charter.quorum_percent,
        list(charter.colleges.values_list("name", "seats", "vote", "order")),
        list(charter.sections.values_list("pk", "title", "order")),
        list(
            CharterArticle.objects.filter(section__charter=charter).values_list(
                "pk", "title", "text", "order"
            )
        ),
    )


def rules_form(charter, **changes) -> dict:
    data = {
        "title": charter.title,
        "preamble": charter.preamble,
        "women_minimum_percent": charter.women_minimum_percent,
        "plenary_per_year": charter.plenary_per_year,
        "bureau_per_year": charter.bureau_per_year,
        "quorum_percent": charter.quorum_percent,
        "majority": charter.majority,
        "visibility": charter.visibility,
    }
    return {**data, **changes}


# Starting ---------------------------------------------------------------------------------------


def test_the_model_charter_gives_the_eleven_sections_and_numbered_articles(space, charter):
    sections = list(charter.sections.order_by("order"))
    assert [section.kind for section in sections] == list(SectionKind.values)
    assert sections[0].title == "Contexte et justification"
    for section in sections:
        assert 1 <= section.articles.count() <= 4
    numbered = numbered_articles(charter)
    assert [number for number, _article in numbered] == list(range(1, len(numbered) + 1))
    assert numbered[0][1].title == "Contexte"
    texts = " ".join(article.text for _number, article in numbered)
    assert "« Espace de concertation de la Nawa »" in texts
    assert f"Les territoires de Nawa et San-Pédro ({space.country.name})" in texts
    assert "{space}" not in texts and "{regions}" not in texts
    assert space.name in charter.title and space.name in charter.preamble


def test_the_colleges_of_the_space_make_the_composition_partners_advising(charter):
    colleges = list(charter.colleges.values_list("name", "vote"))
    assert colleges == [
        ("Collège des régions", Vote.DELIBERATIVE),
        ("Partenaires techniques et financiers", Vote.CONSULTATIVE),
    ]


def test_the_secretariat_is_offered_to_start_and_starts_in_the_page_language(client, space, people):
    client.force_login(people["secretariat"])
    page = client.get(url("charter", space)).content.decode()
    assert "the model charter" in page and "an empty charter" in page

    response = client.post(url("charter_create", space), {"source": "model"})

    charter = Charter.objects.get(space=space)
    assert response["Location"] == url("charter", space)
    assert charter.title == "Charter — Espace de concertation de la Nawa"
    assert charter.workflow_state == State.DRAFT
    page = client.get(url("charter", space)).content.decode()
    assert "Article 1 — Context" in page and "Article 2 — Rationale" in page


def test_an_empty_charter_has_its_colleges_and_no_article(client, space, people):
    client.force_login(people["secretariat"])
    client.post(url("charter_create", space), {"source": "empty"})
    charter = Charter.objects.get(space=space)
    assert charter.colleges.count() == 2
    assert not charter.sections.exists()


def test_a_second_start_is_refused(client, space, people, charter):
    client.force_login(people["secretariat"])
    response = client.post(url("charter_create", space), {"source": "empty"})
    assert "This space already has its charter." in messages_of(response)
    assert Charter.objects.filter(space=space).count() == 1


def test_a_member_cannot_start_the_charter_nor_see_the_offer(client, space, people):
    client.force_login(people["member"])
    assert client.get(url("charter", space)).status_code == 404
    assert client.post(url("charter_create", space), {"source": "model"}).status_code == 403
    assert not Charter.objects.exists()


# Writing the draft ------------------------------------------------------------------------------


def test_the_secretariat_changes_the_key_rules(client, space, people, charter):
    client.force_login(people["secretariat"])
    response = client.post(url("charter_edit", space), rules_form(charter, quorum_percent=60))
    assert response["Location"] == url("charter", space) + "#section-rules"
    charter.refresh_from_db()
    assert charter.quorum_percent == 60
    page = client.get(url("charter", space)).content.decode()
    assert "60 % of the deliberative members" in page


def test_adding_moving_and_deleting_articles_renumbers_them(client, space, people, charter):
    client.force_login(people["secretariat"])
    first_section = charter.sections.get(order=1)
    response = client.post(
        url("charter_article_add", space, first_section.pk),
        {"title": "Ancrage territorial", "text": "Les communes sont associées."},
    )
    new = CharterArticle.objects.get(title="Ancrage territorial")
    assert response["Location"].endswith(f"#section-article-{new.pk}")
    assert "Article 3 — Ancrage territorial" in client.get(url("charter", space)).content.decode()

    client.post(url("charter_article_move", space, new.pk), {"direction": "up"})
    client.post(url("charter_article_move", space, new.pk), {"direction": "up"})
    page = client.get(url("charter", space)).content.decode()
    assert "Article 1 — Ancrage territorial" in page and "Article 2 — Contexte" in page

    context = first_section.articles.get(title="Contexte")
    client.post(url("charter_article_delete", space, context.pk))
    page = client.get(url("charter", space)).content.decode()
    assert "Contexte" not in page.split("Article 2 —")[0].split("Article 1 —")[1]
    assert "Article 2 — Justification" in page
    assert not CharterArticle.objects.filter(pk=context.pk).exists()


def test_sections_are_added_renamed_and_reordered(client, space, people, charter):
    client.force_login(people["secretariat"])
    client.post(url("charter_section_add", space), {"title": "Éthique", "kind": "other"})
    section = CharterSection.objects.get(title="Éthique")
    assert section.order == 12
    client.post(
        url("charter_section_edit", space, section.pk), {"title": "Déontologie", "kind": "other"}
    )
    client.post(url("charter_section_move", space, section.pk), {"direction": "up"})
    titles = list(charter.sections.order_by("order").values_list("title", flat=True))
    assert titles[-2:] == ["Déontologie", "Dispositions finales"]
    page = client.get(url("charter", space)).content.decode()
    assert "11. Déontologie" in page and "12. Dispositions finales" in page


def test_articles_cite_only_the_lessons_and_recommendations_of_the_space(
    client, space, people, charter
):
    author = people["secretariat"]
    lesson = Lesson.objects.create(
        space=space, title="Les jeunes d'abord", statement="…", created_by=author
    )
    recommendation = Recommendation.objects.create(
        space=space, title="Ouvrir un guichet", statement="…", created_by=author
    )
    elsewhere = Lesson.objects.create(
        space=SpaceFactory(), title="Ailleurs", statement="…", created_by=author
    )
    article = numbered_articles(charter)[0][1]
    client.force_login(author)
    form = {"title": article.title, "text": article.text, "lessons": [elsewhere.pk]}
    response = client.post(url("charter_article_edit", space, article.pk), form)
    assert response.status_code == 200
    assert not CharterArticle.objects.get(pk=article.pk).lessons.exists()

    form = {**form, "lessons": [lesson.pk], "recommendations": [recommendation.pk]}
    client.post(url("charter_article_edit", space, article.pk), form)
    assert list(CharterArticle.objects.get(pk=article.pk).lessons.all()) == [lesson]
    page = client.get(url("charter", space)).content.decode()
    assert "Les jeunes d&#x27;abord" in page and "Ouvrir un guichet" in page
    assert f'href="{lesson.get_absolute_url()}"' in page
    assert f'href="{recommendation.get_absolute_url()}"' in page


def test_the_composition_shows_its_total_and_warns_when_women_cannot_be_counted(
    client, space, people, charter
):
    colleges = list(charter.colleges.all())
    form = {
        "colleges-TOTAL_FORMS": "3",
        "colleges-INITIAL_FORMS": "2",
        "colleges-0-pk": colleges[0].pk,
        "colleges-0-name": "Collège des régions",
        "colleges-0-seats": "12",
        "colleges-0-vote": Vote.DELIBERATIVE,
        "colleges-1-pk": colleges[1].pk,
        "colleges-1-name": "Partenaires techniques et financiers",
        "colleges-1-seats": "4",
        "colleges-1-vote": Vote.CONSULTATIVE,
        "colleges-2-name": "Collège de la diaspora",
        "colleges-2-seats": "9",
        "colleges-2-vote": Vote.DELIBERATIVE,
    }
    client.force_login(people["secretariat"])
    client.post(url("charter_colleges", space), form)

    assert list(charter.colleges.values_list("name", "seats")) == [
        ("Collège des régions", 12),
        ("Partenaires techniques et financiers", 4),
        ("Collège de la diaspora", 9),
    ]
    page = client.get(url("charter_colleges", space)).content.decode()
    assert "Total: 25 seats" in page and "21 with a deliberative vote" in page
    assert "cannot be checked" not in page  # every member's gender is known

    people["member"].person.__class__.objects.filter(pk=people["member"].person.pk).update(
        gender=""
    )
    page = client.get(url("charter_colleges", space)).content.decode()
    assert "the minimum share of women cannot be checked" in page


def test_edits_are_refused_once_the_draft_is_submitted(client, space, people, charter):
    act(charter, people, "submit")
    before = state_of(charter)
    article = numbered_articles(charter)[0][1]
    section = article.section
    client.force_login(people["secretariat"])

    response = client.post(url("charter_edit", space), rules_form(charter, quorum_percent=70))
    assert response.status_code == 200 and "can no longer change" in response.content.decode()
    client.post(url("charter_article_edit", space, article.pk), {"title": "X", "text": "Y"})
    client.post(url("charter_article_add", space, section.pk), {"title": "X", "text": "Y"})
    response = client.post(url("charter_article_move", space, article.pk), {"direction": "down"})
    assert any("can no longer change" in message for message in messages_of(response))
    client.post(url("charter_article_delete", space, article.pk))
    client.post(url("charter_section_add", space), {"title": "X", "kind": "other"})
    client.post(url("charter_section_move", space, section.pk), {"direction": "down"})
    client.post(
        url("charter_colleges", space),
        {
            "colleges-TOTAL_FORMS": "1",
            "colleges-INITIAL_FORMS": "0",
            "colleges-0-name": "X",
            "colleges-0-seats": "1",
            "colleges-0-vote": Vote.DELIBERATIVE,
        },
    )

    assert state_of(charter) == before
    assert "Edit the title and the rules" not in client.get(url("charter", space)).content.decode()


# Review, approval, reading -----------------------------------------------------------------------


def test_a_member_comments_an_article_but_cannot_edit(client, space, people, charter):
    act(charter, people, "submit")
    article = numbered_articles(charter)[0][1]
    client.force_login(people["member"])
    page = client.get(url("charter", space)).content.decode()
    assert "Comment on this section" in page and "Edit the title and the rules" not in page

    client.post(
        url("charter_comment", space), {"section": f"article-{article.pk}", "text": "Préciser."}
    )
    assert ReviewComment.objects.get().section == f"article-{article.pk}"

    workflow_act(obj=charter, action="send_back", actor=people["secretariat"])
    before = state_of(charter)
    assert (
        client.post(url("charter_edit", space), rules_form(charter, quorum_percent=10)).status_code
        == 403
    )
    response = client.post(url("charter_article_delete", space, article.pk))
    assert response.status_code == 403
    assert state_of(charter) == before


def test_the_approver_approves_and_a_member_cannot(client, space, people, charter):
    act(charter, people, "submit")
    client.force_login(people["member"])
    assert client.post(url("charter_action", space), {"action": "approve"}).status_code == 403

    client.force_login(people["approver"])
    client.post(url("charter_action", space), {"action": "approve"})
    charter.refresh_from_db()
    assert charter.workflow_state == State.APPROVED
    assert charter.approved_by == people["approver"]
    assert Revision.objects.filter(version=1).exists()


def test_anonymous_visitors_read_the_published_version_only(client, space, people, charter):
    assert client.get(url("charter", space))["Location"].startswith(reverse("account_login"))
    act(charter, people, "submit", "approve", "publish")
    page = client.get(url("charter", space)).content.decode()
    assert "Article 1 — Contexte" in page

    act(charter, people, "new_version")
    article = numbered_articles(charter)[0][1]
    CharterArticle.objects.filter(pk=article.pk).update(text="Un texte en préparation.")

    page = client.get(url("charter", space)).content.decode()
    assert "Version 1, published on" in page and "Les territoires de" in page
    assert "Un texte en préparation." not in page
    assert client.get(url("charter_document", space, "pdf")).status_code == 404
    client.force_login(people["member"])
    assert "Un texte en préparation." in client.get(url("charter", space)).content.decode()


def test_a_draft_of_a_members_only_charter_is_hidden_from_other_spaces(
    client, space, people, charter
):
    client.force_login(people["outsider"])
    assert client.get(url("charter", space)).status_code == 404


# The difference between versions ----------------------------------------------------------------


def test_a_new_version_shows_exactly_what_changed(client, space, people, charter):
    act(charter, people, "submit", "approve", "publish", "new_version")
    numbered = numbered_articles(charter)
    changed = numbered[2][1]  # "Objectif général"
    client.force_login(people["secretariat"])
    client.post(
        url("charter_article_edit", space, changed.pk),
        {"title": changed.title, "text": changed.text.replace("local inclusif", "local durable")},
    )
    client.post(url("charter_edit", space), rules_form(charter, quorum_percent=60))
    client.post(
        url("charter_article_add", space, changed.section_id),
        {"title": "Indicateurs", "text": "Chaque objectif a ses indicateurs."},
    )
    added = CharterArticle.objects.get(title="Indicateurs")
    charter.refresh_from_db()

    previous, diff = diff_with_previous(charter)

    assert previous == 1
    by_title = {section.title.split(" — ")[-1]: section for section in diff}
    assert by_title["Objectif général"].status == "changed"
    assert [p for p in by_title["Objectif général"].pieces if p[0] != "same"] == [
        ("removed", "inclusif"),
        ("added", "durable"),
    ]
    rules = by_title["Composition and key rules"]
    assert rules.status == "changed"
    assert [p for p in rules.pieces if p[0] != "same"] == [("removed", "50"), ("added", "60")]
    assert by_title["Indicateurs"].status == "added"
    others = [
        s
        for s in diff
        if s.title.split(" — ")[-1]
        not in {"Objectif général", "Composition and key rules", "Indicateurs"}
    ]
    assert others and {section.status for section in others} == {"same"}
    # Inserting article 5 renumbers the ones after it; their text, not their number, is compared.
    assert f"article-{added.pk}" not in {key for key, *_rest in Revision.objects.get().sections}

    page = client.get(url("charter_versions", space)).content.decode()
    assert "Version 2 compared with version 1" in page
    assert "<ins>60</ins>" in page and "<del>50</del>" in page


# Cost ------------------------------------------------------------------------------------------


def test_the_page_costs_the_same_with_few_or_many_articles(client, space, people, charter):
    client.force_login(people["secretariat"])
    lesson = Lesson.objects.create(
        space=space, title="Leçon", statement="…", created_by=people["secretariat"]
    )
    few = queries_for(client, url("charter", space))
    for section in charter.sections.all():
        for order in range(5, 9):
            article = CharterArticle.objects.create(
                section=section, order=order, title=f"Article {order}", text="…"
            )
            article.lessons.add(lesson)
    assert queries_for(client, url("charter", space)) == few


def test_an_approval_in_french_read_in_english_shows_no_change_where_none_was_made(
    settings, people, charter
):
    """The key rules are written by the platform ("Quorum: 50 % …"): the approved version and the
    current one are both kept in the site's language, whatever the approver's and the reader's."""
    settings.LANGUAGE_CODE = "fr"
    with translation.override("fr"):
        act(charter, people, "submit", "approve", "publish", "new_version")

    with translation.override("en"):
        previous, diff = diff_with_previous(charter)

    assert previous == 1
    assert {section.status for section in diff} == {"same"}
    rules = next(section for section in diff if "Quorum" in section.pieces[0][1])
    assert "des membres ayant voix délibérative" in rules.pieces[0][1]
