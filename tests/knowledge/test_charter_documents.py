"""The charter as a PDF and a Word document: the articles, numbered by section, the key rules and
the composition; a draft is watermarked and not kept, an approved version is issued and archived."""

import pytest
from django.urls import reverse

from palabre.documents.models import IssuedDocument
from palabre.knowledge.models import Charter, CharterArticle, Lesson
from palabre.knowledge.services.charter import charter_create, numbered_articles
from palabre.spaces.models import Role
from palabre.workflow.services import workflow_act
from tests.documents.utils import docx_text, pdf_text
from tests.spaces.factories import SpaceFactory, member_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    space = SpaceFactory(name="Espace de concertation du Cavally", slug="cavally")
    people = {
        "secretariat": member_user(space, role=Role.SECRETARIAT),
        "approver": member_user(space, role=Role.APPROVER),
    }
    charter = charter_create(
        space=space, actor=people["secretariat"], from_model=True, language="fr"
    )
    Charter.objects.filter(pk=charter.pk).update(quorum_percent=65)
    charter.refresh_from_db()
    return space, people, charter


def download(client, space, fmt):
    response = client.get(reverse("knowledge:charter_document", args=[space.slug, fmt]))
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("fmt, read", [("pdf", pdf_text), ("docx", docx_text)])
def test_the_draft_document_has_the_articles_and_rules_and_is_not_kept(client, setting, fmt, read):
    space, people, charter = setting
    lesson = Lesson.objects.create(
        space=space, title="Associer les jeunes", statement="…", created_by=people["secretariat"]
    )
    first = numbered_articles(charter)[0][1]
    first.lessons.add(lesson)
    client.force_login(people["secretariat"])

    text = flat(read(download(client, space, fmt)))

    assert "DRAFT" in text
    assert "Article 1 — Contexte" in text and "Article 2 — Justification" in text
    last_number = len(numbered_articles(charter))
    assert f"Article {last_number} — Entrée en vigueur" in text
    assert "65 % of the deliberative members" in text
    college = charter.colleges.first()
    assert college.name in text and "Total" in text
    assert "Associer les jeunes" in text
    assert not IssuedDocument.objects.exists()


def test_an_approved_version_is_issued_and_archived(client, setting):
    space, people, charter = setting
    workflow_act(obj=charter, action="submit", actor=people["secretariat"])
    workflow_act(obj=charter, action="approve", actor=people["approver"])
    client.force_login(people["secretariat"])

    text = flat(pdf_text(download(client, space, "pdf")))
    download(client, space, "pdf")

    assert "DRAFT" not in text and "approved on" in text
    document = IssuedDocument.objects.get()
    assert (document.kind, document.version, document.format) == ("charter", 1, "pdf")
    titles = CharterArticle.objects.filter(section__charter=charter).values_list("title", flat=True)
    assert all(title in text for title in titles)
