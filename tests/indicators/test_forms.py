"""Defining an indicator, entering the values measured by hand, their evidence: the secretariat
may, members may not, and a refused change leaves everything as it was."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from palabre.audit.models import AuditEvent
from palabre.indicators.models import Indicator, IndicatorValue, Method, Unit
from palabre.indicators.selectors.figures import latest_period
from palabre.spaces.models import Role
from tests.spaces.factories import SpaceFactory, country, member_user

from .test_dashboard import make_indicator

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

FORM = {
    "code": "R3.2",
    "title": "Participants aux forums de la diaspora",
    "level": "output",
    "method": "computed",
    "rule": "unique_participants",
    "unit": "number",
    "dimensions": ["gender", "origin"],
    "baseline": "0",
    "comparison": "at_least",
    "target": "300",
    "frequency": "semester",
    "start_date": "2026-01-01",
    "end_date": "2027-12-31",
    "cumulative": "on",
    "order": "1",
    "visibility": "public",
}


@pytest.fixture
def space():
    return SpaceFactory(name="Comité de suivi San-Pédro")


@pytest.fixture
def secretariat(space):
    return member_user(space, role=Role.SECRETARIAT)


def entered(space) -> Indicator:
    return make_indicator(
        space,
        code="R4.1",
        title="Taux de satisfaction des participants",
        method=Method.ENTERED,
        rule="",
        unit=Unit.PERCENT,
        target=80,
        frequency="semester",
    )


def value_url(indicator):
    return reverse("indicators:value", args=[indicator.space.slug, indicator.code])


def test_the_secretariat_defines_an_indicator_and_the_change_is_audited(client, space, secretariat):
    client.force_login(secretariat)
    url = reverse("indicators:create", args=[space.slug])
    form = client.get(url)
    assert "Unique participants in meetings, trainings and forums" in form.content.decode()
    response = client.post(url, {**FORM, "countries": [country("CI").pk, country("FR").pk]})
    indicator = Indicator.objects.get(space=space, code="R3.2")
    assert response.url == indicator.get_absolute_url()
    assert indicator.dimensions == ["gender", "origin"]
    assert {c.iso2 for c in indicator.countries.all()} == {"CI", "FR"}
    assert AuditEvent.objects.filter(
        action="indicator.create", object_id=str(indicator.pk)
    ).exists()
    edit = reverse("indicators:edit", args=[space.slug, indicator.code])
    client.post(edit, {**FORM, "target": "350", "countries": [country("CI").pk]})
    indicator.refresh_from_db()
    assert indicator.target == 350
    change = AuditEvent.objects.get(action="indicator.update")
    assert change.changes["target"] == ["300.00", "350.00"]
    assert change.changes["countries"] == [
        sorted([country("CI").pk, country("FR").pk]),
        [country("CI").pk],
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"unit": "percent", "target": "50"}, "unit", "This rule gives a number."),
        ({"rule": "women_share", "unit": "percent", "target": "50"}, "dimensions", "cannot break"),
        ({"method": "entered"}, "rule", "has no computation rule"),
        ({"rule": ""}, "rule", "Choose the rule"),
        ({"end_date": "2025-12-31"}, "end_date", "must end after it starts"),
        ({"code": "R1/2"}, "code", "Use letters, digits"),
        ({"code": "Nouveau"}, "code", "Use letters, digits"),
    ],
)
def test_an_inconsistent_indicator_is_refused_with_the_reason(
    client, space, secretariat, changes, field, message
):
    client.force_login(secretariat)
    response = client.post(reverse("indicators:create", args=[space.slug]), {**FORM, **changes})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Indicator.objects.exists()


def test_a_code_is_used_once_per_space(client, space, secretariat):
    make_indicator(space, code="R3.2")
    client.force_login(secretariat)
    response = client.post(reverse("indicators:create", args=[space.slug]), FORM)
    assert response.status_code == 200
    assert Indicator.objects.filter(code="R3.2").count() == 1


def test_a_member_may_neither_define_nor_enter_and_nothing_changes(client, space):
    indicator = entered(space)
    client.force_login(member_user(space))
    assert client.post(reverse("indicators:create", args=[space.slug]), FORM).status_code == 403
    edit = reverse("indicators:edit", args=[space.slug, indicator.code])
    assert client.post(edit, {**FORM, "code": indicator.code}).status_code == 403
    delete = reverse("indicators:delete", args=[space.slug, indicator.code])
    assert client.post(delete).status_code == 403
    payload = {"period": "2026-S1", "value": "75", "source": "Enquête"}
    assert client.post(value_url(indicator), payload).status_code == 403
    assert list(Indicator.objects.values_list("code", flat=True)) == ["R4.1"]
    assert not IndicatorValue.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="indicator").exists()


def test_a_value_is_entered_once_per_period_and_a_new_entry_replaces_it(client, space, secretariat):
    indicator = entered(space)
    client.force_login(secretariat)
    evidence = SimpleUploadedFile("enquete.pdf", PDF, content_type="application/pdf")
    response = client.post(
        value_url(indicator),
        {
            "period": "2026-S1",
            "value": "72.5",
            "source": "Enquête de satisfaction",
            "evidence": evidence,
        },
    )
    assert response.status_code == 302
    client.post(
        value_url(indicator), {"period": "2026-S1", "value": "81", "source": "Enquête revue"}
    )
    entry = IndicatorValue.objects.get(indicator=indicator)
    assert (entry.value, entry.source) == (Decimal("81"), "Enquête revue")
    last = AuditEvent.objects.filter(action="indicator.value").latest("pk")
    assert last.changes["value"] == ["72.50", "81.00"]
    page = client.get(indicator.get_absolute_url()).content.decode()
    assert "81 %" in page and "Enquête revue" in page and "Target met" in page
    download = client.get(
        reverse("indicators:evidence", args=[space.slug, indicator.code, "2026-S1"])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"period": "2026-S1", "value": "70", "source": "  "}, "source"),
        ({"period": "2030-S1", "value": "70", "source": "Enquête"}, "period"),
        ({"period": "2026-S1", "value": "120", "source": "Enquête"}, "value"),
        (
            {
                "period": "2026-S1",
                "value": "70",
                "source": "Enquête",
                "evidence": SimpleUploadedFile("enquete.pdf", b"MZ\x90\x00 not a pdf"),
            },
            "evidence",
        ),
    ],
)
def test_a_value_without_source_for_another_period_or_with_a_false_file_is_refused(
    client, space, secretariat, payload, field
):
    indicator = entered(space)
    client.force_login(secretariat)
    response = client.post(value_url(indicator), payload)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not IndicatorValue.objects.exists()


def test_a_computed_indicator_takes_no_value(client, space, secretariat):
    indicator = make_indicator(space)
    client.force_login(secretariat)
    assert client.get(value_url(indicator)).status_code == 404
    client.post(value_url(indicator), {"period": "2026-Q1", "value": "70", "source": "Enquête"})
    assert not IndicatorValue.objects.exists()


def test_the_evidence_is_served_to_the_secretariat_only(client, space, secretariat):
    indicator = entered(space)
    IndicatorValue.objects.create(
        indicator=indicator,
        period="2026-S1",
        value=70,
        source="Enquête",
        recorded_by=secretariat,
        evidence=SimpleUploadedFile("enquete.pdf", PDF),
    )
    url = reverse("indicators:evidence", args=[space.slug, indicator.code, "2026-S1"])
    client.force_login(member_user(space))
    assert client.get(url).status_code == 403
    assert "Download" not in client.get(indicator.get_absolute_url()).content.decode()


def test_an_indicator_with_values_is_not_deleted_but_one_without_is(client, space, secretariat):
    indicator = entered(space)
    IndicatorValue.objects.create(
        indicator=indicator, period="2026-S1", value=70, source="Enquête", recorded_by=secretariat
    )
    client.force_login(secretariat)
    delete = reverse("indicators:delete", args=[space.slug, indicator.code])
    response = client.post(delete, follow=True)
    assert "cannot be deleted" in response.content.decode()
    assert Indicator.objects.filter(pk=indicator.pk).exists()
    bare = make_indicator(space)
    client.post(reverse("indicators:delete", args=[space.slug, bare.code]))
    assert not Indicator.objects.filter(pk=bare.pk).exists()
    assert AuditEvent.objects.filter(action="indicator.delete", object_id=str(bare.pk)).exists()


def test_an_entered_figure_and_its_dates_show_on_the_dashboard(client, space, secretariat):
    indicator = entered(space)
    IndicatorValue.objects.create(
        indicator=indicator, period="2026-S1", value=65, source="Enquête", recorded_by=secretariat
    )
    page = client.get(reverse("indicators:dashboard", args=[space.slug])).content.decode()
    assert (
        '<p class="indicator-figure"><data value="65">65 %' in page and "Target not met yet" in page
    )
    assert indicator.end_date == datetime.date(2026, 6, 30)


def test_the_value_form_opens_on_the_period_in_progress(client, space, secretariat):
    indicator = entered(space)
    Indicator.objects.filter(pk=indicator.pk).update(
        start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2040, 12, 31)
    )
    indicator.refresh_from_db()
    client.force_login(secretariat)
    form = client.get(value_url(indicator)).context["form"]
    assert form.initial["period"] == latest_period(indicator).code
    assert form["period"].value() == latest_period(indicator).code
    assert form.fields["period"].choices[0][0] == "2020-S1"  # not simply the first
