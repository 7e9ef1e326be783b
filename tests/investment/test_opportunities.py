"""Publishing opportunities: the officers of a space write them for their own territory, move
them through their statuses (reopening says why), and attach documents checked by content."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from palabre.audit.models import AuditEvent
from palabre.investment.models import Opportunity, OpportunityDocument, OpportunityStatus
from palabre.investment.services.opportunities import (
    allowed_statuses,
    opportunity_change_status,
    opportunity_create,
    opportunity_document_add,
    opportunity_update,
)
from palabre.spaces.models import Role, Visibility
from tests.accounts.factories import make_user
from tests.directory.factories import OrganisationFactory
from tests.spaces.factories import SpaceFactory, member_user

from .factories import OpportunityFactory, region, sector, support

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.fixture
def space():
    return SpaceFactory(name="Espace de concertation San-Pédro – Nawa – Cavally")


@pytest.fixture
def officer(space):
    return member_user(space, role=Role.INVESTMENT_OFFICER)


def fields(**changes) -> dict:
    data = {
        "region": region("Nawa"),
        "sector": sector("rubber-palm"),
        "location": "Soubré",
        "title": "Usine de granulés d'hévéa",
        "summary": "Transformer sur place le caoutchouc des planteurs de la Nawa.",
        "description": "Une usine de 5 000 tonnes par an, à côté de la coopérative.",
        "amount_min": Decimal("200000000"),
        "amount_max": Decimal("450000000"),
        "currency": "XOF",
        "jobs_expected": 60,
        "visibility": Visibility.PUBLIC,
    }
    return {**data, **changes}


# Writing ------------------------------------------------------------------------------------------


def test_a_public_opportunity_is_published_when_created_and_audited(space, officer):
    opportunity = opportunity_create(
        space=space, actor=officer, support_sought=[support("mentoring")], **fields()
    )
    assert opportunity.published_at is not None
    assert list(opportunity.support_sought.values_list("code", flat=True)) == ["mentoring"]
    event = AuditEvent.objects.get(action="investment.opportunity_create")
    assert event.actor == officer and event.changes["title"][1] == "Usine de granulés d'hévéa"


def test_a_members_only_opportunity_is_dated_the_day_it_becomes_public(space, officer):
    opportunity = opportunity_create(
        space=space, actor=officer, **fields(visibility=Visibility.MEMBERS)
    )
    assert opportunity.published_at is None
    opportunity = opportunity_update(
        opportunity=opportunity, actor=officer, **fields(visibility=Visibility.PUBLIC)
    )
    first = opportunity.published_at
    assert first is not None
    opportunity = opportunity_update(
        opportunity=opportunity, actor=officer, **fields(title="Usine d'hévéa de Soubré")
    )
    assert opportunity.published_at == first
    changes = AuditEvent.objects.filter(action="investment.opportunity_update").first().changes
    assert changes == {"title": ["Usine de granulés d'hévéa", "Usine d'hévéa de Soubré"]}


def test_the_region_must_be_one_the_space_covers(space, officer):
    space.regions.set([region("San-Pédro"), region("Cavally")])
    with pytest.raises(ValidationError) as refused:
        opportunity_create(space=space, actor=officer, **fields(region=region("Nawa")))
    assert "Choose one of the regions the space covers: Cavally, San-Pédro." in str(refused.value)
    assert not Opportunity.objects.exists()


def test_without_regions_the_region_must_be_in_the_space_country(space, officer):
    with pytest.raises(ValidationError) as refused:
        opportunity_create(space=space, actor=officer, **fields(region=region("Kayes", "ML")))
    assert "Choose a region of" in str(refused.value)
    assert not Opportunity.objects.exists()


def test_the_range_must_be_in_order(space, officer):
    with pytest.raises(ValidationError) as refused:
        opportunity_create(space=space, actor=officer, **fields(amount_max=Decimal("1000")))
    assert "upper end of the range" in str(refused.value)


# Status -------------------------------------------------------------------------------------------


def test_the_allowed_statuses():
    S = OpportunityStatus
    assert allowed_statuses(S.OPEN) == [S.IN_DISCUSSION, S.CLOSED]
    assert allowed_statuses(S.IN_DISCUSSION) == [S.OPEN, S.FUNDED, S.CLOSED]
    assert allowed_statuses(S.FUNDED) == [S.OPEN]
    assert allowed_statuses(S.CLOSED) == [S.OPEN]


def test_an_open_opportunity_cannot_jump_to_funded(space, officer):
    opportunity = OpportunityFactory(space=space)
    with pytest.raises(ValidationError) as refused:
        opportunity_change_status(opportunity=opportunity, actor=officer, status="funded")
    assert "cannot go from “Open” to “Funded”" in str(refused.value)
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.OPEN


def test_a_funded_opportunity_reopens_only_with_a_note(space, officer):
    opportunity = OpportunityFactory(space=space, status=OpportunityStatus.FUNDED)
    with pytest.raises(ValidationError) as refused:
        opportunity_change_status(opportunity=opportunity, actor=officer, status="open")
    assert "Say why the opportunity reopens" in str(refused.value)
    with pytest.raises(ValidationError):
        opportunity_change_status(
            opportunity=opportunity, actor=officer, status="in_discussion", note="Relance"
        )
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.FUNDED

    opportunity_change_status(
        opportunity=opportunity, actor=officer, status="open", note="L'investisseur s'est retiré."
    )
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.OPEN
    event = AuditEvent.objects.get(action="investment.opportunity_status")
    assert event.changes == {"status": ["funded", "open"]}
    assert event.note == "L'investisseur s'est retiré."


def test_the_status_page_offers_only_the_allowed_moves_and_shows_the_history(
    client, space, officer
):
    opportunity = OpportunityFactory(space=space, status=OpportunityStatus.IN_DISCUSSION)
    client.force_login(officer)
    url = reverse("investment:opportunity_status", args=[opportunity.pk])
    page = client.get(url).content.decode()
    assert 'value="funded"' in page and 'value="in_discussion"' not in page
    response = client.post(url, {"status": "funded"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "In discussion → Funded" in page
    response = client.post(url, {"status": "open"})
    assert "Say why the opportunity reopens" in response.content.decode()
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.FUNDED


# Documents ----------------------------------------------------------------------------------------


def test_documents_of_the_accepted_kinds_are_stored(space, officer):
    opportunity = OpportunityFactory(space=space)
    for name, content in [("plan.pdf", PDF), ("site.png", PNG), ("budget.xlsx", xlsx_bytes())]:
        opportunity_document_add(
            opportunity=opportunity,
            actor=officer,
            title=name,
            file=SimpleUploadedFile(name, content),
        )
    stored = {doc.title: doc.file.read() for doc in opportunity.documents.all()}
    assert stored["plan.pdf"] == PDF and stored["site.png"] == PNG


@pytest.mark.parametrize(
    "name, content, message",
    [
        (
            "plan-d-affaires.pdf",
            b"MZ\x90\x00 a program",
            "This file is not the .pdf its name says.",
        ),
        ("photo.docx", PNG, "This file is not the .docx its name says."),
        ("installer.exe", b"MZ\x90\x00", "The document must be a PDF, an image"),
    ],
)
def test_a_document_whose_content_does_not_match_is_refused_and_nothing_stored(
    client, space, officer, settings, name, content, message
):
    opportunity = OpportunityFactory(space=space)
    client.force_login(officer)
    response = client.post(
        reverse("investment:opportunity_document_add", args=[opportunity.pk]),
        {"title": "Plan d'affaires", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not OpportunityDocument.objects.exists()
    media = settings.MEDIA_ROOT / "investment"
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))


def test_a_document_over_10_mb_is_refused(space, officer):
    opportunity = OpportunityFactory(space=space)
    big = SimpleUploadedFile("etude.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        opportunity_document_add(opportunity=opportunity, actor=officer, title="Étude", file=big)
    assert "The file is too large" in str(refused.value)
    assert not OpportunityDocument.objects.exists()


def test_a_document_is_served_to_readers_of_the_opportunity_only(client, space, officer):
    public = OpportunityFactory(space=space)
    members = OpportunityFactory(space=space, visibility=Visibility.MEMBERS)
    documents = {}
    for opportunity in (public, members):
        client.force_login(officer)
        client.post(
            reverse("investment:opportunity_document_add", args=[opportunity.pk]),
            {"title": "Plan d'affaires", "file": SimpleUploadedFile("plan.pdf", PDF)},
        )
        documents[opportunity.pk] = opportunity.documents.get()
    client.logout()

    def url(opportunity):
        return reverse(
            "investment:opportunity_document", args=[opportunity.pk, documents[opportunity.pk].pk]
        )

    response = client.get(url(public))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert client.get(url(members)).status_code == 302  # to the login page
    client.force_login(member_user(SpaceFactory()))
    assert client.get(url(members)).status_code == 404
    # A document is reached through its own opportunity only.
    wrong = reverse("investment:opportunity_document", args=[public.pk, documents[members.pk].pk])
    assert client.get(wrong).status_code == 404


# Pages --------------------------------------------------------------------------------------------


def form_data(**changes) -> dict:
    data = {
        "title": "Hôtel écologique à Grand-Béréby",
        "summary": "Vingt bungalows sur la plage, gérés avec le village.",
        "description": "Le terrain est sécurisé ; l'étude de faisabilité est faite.",
        "sector": sector("tourism").pk,
        "region": region("San-Pédro").pk,
        "location": "Grand-Béréby",
        "amount_min": "150000",
        "amount_max": "400000",
        "currency": "EUR",
        "jobs_expected": "35",
        "support_sought": [support("mentoring").pk],
        "visibility": "public",
    }
    return {**data, **changes}


def test_an_officer_publishes_an_opportunity_for_their_own_space(client, space, officer):
    elsewhere = SpaceFactory(name="Comité de suivi du Poro")
    promoter = make_user(email="promoteur@example.org")
    organisation = OrganisationFactory(name="Coopérative des pêcheurs de Béréby")
    client.force_login(officer)
    url = reverse("investment:opportunity_create")
    page = client.get(url).content.decode()
    assert space.name in page and elsewhere.name not in page

    response = client.post(
        url, form_data(space=elsewhere.pk, promoter_organisation=organisation.pk)
    )
    assert response.status_code == 200 and not Opportunity.objects.exists()

    response = client.post(
        url,
        form_data(
            space=space.pk,
            promoter_organisation=organisation.pk,
            promoter_email="Promoteur@example.org",
        ),
    )
    opportunity = Opportunity.objects.get()
    assert response.status_code == 302 and response["Location"] == opportunity.get_absolute_url()
    assert (opportunity.space, opportunity.promoter, opportunity.currency) == (
        space,
        promoter,
        "EUR",
    )
    page = client.get(opportunity.get_absolute_url()).content.decode()
    assert "Coopérative des pêcheurs de Béréby" in page
    assert "promoteur@example.org" not in page.lower()


def test_the_form_says_what_is_wrong_in_the_users_words(client, space, officer):
    client.force_login(officer)
    response = client.post(
        reverse("investment:opportunity_create"),
        form_data(
            space=space.pk, amount_max="1000", promoter_email="personne@example.org", title=""
        ),
    )
    page = response.content.decode()
    assert "The upper end of the range cannot be below its lower end." in page
    assert "No account has this address" in page
    assert "This field is required." in page
    assert not Opportunity.objects.exists()


def test_a_member_cannot_edit_and_nothing_changes(client, space):
    opportunity = OpportunityFactory(space=space, title="Unité de broyage de cacao")
    client.force_login(member_user(space))
    url = reverse("investment:opportunity_edit", args=[opportunity.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, form_data(title="Titre changé"))
    assert response.status_code == 403
    response = client.post(
        reverse("investment:opportunity_status", args=[opportunity.pk]), {"status": "closed"}
    )
    assert response.status_code == 403
    opportunity.refresh_from_db()
    assert (opportunity.title, opportunity.status) == ("Unité de broyage de cacao", "open")
    assert not AuditEvent.objects.filter(action__startswith="investment.").exists()


def test_the_promoter_edits_their_opportunity(client, space):
    promoter = make_user()
    opportunity = OpportunityFactory(space=space, promoter=promoter)
    client.force_login(promoter)
    url = reverse("investment:opportunity_edit", args=[opportunity.pk])
    page = client.get(url).content.decode()
    assert opportunity.title in page
    response = client.post(url, form_data(title="Broyage de cacao à Méagui"))
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.title == "Broyage de cacao à Méagui"


def test_the_form_offers_the_regions_the_space_covers(client, space, officer):
    space.regions.set([region("San-Pédro"), region("Cavally")])
    region("Nawa")
    region("Kayes", "ML")
    client.force_login(officer)
    for url in [
        reverse("investment:opportunity_create"),
        reverse("investment:opportunity_edit", args=[OpportunityFactory(space=space).pk]),
    ]:
        options = client.get(url).context["form"].fields["region"].queryset
        assert {option.name for option in options} == {"San-Pédro", "Cavally"}
