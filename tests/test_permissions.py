"""Walks the table of docs/permissions.md: every row (a view) for every column (a role).

A GET row checks the status or the redirect to the login page. A POST row sends the payload
declared below for its view; when the table says the action is refused, nothing in the database
may have changed. Adding a view means adding a row to the table (and a payload for a POST).
"""

import string
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import get_resolver, reverse
from django.utils import timezone

from palabre.core.models import SiteIdentity
from palabre.directory.models import Organisation, Person
from palabre.documents.services import DocumentFormat, issue_document
from palabre.jobs.models import Job
from palabre.notifications.models import Notification
from palabre.spaces.models import Role, Visibility
from palabre.territories.models import Region
from tests.accounts.factories import make_admin
from tests.meetings.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    FramingNoteFactory,
    MeetingFactory,
    MinutesFactory,
    OutcomeFactory,
    RegistrationFactory,
    TrainingFactory,
    in_days,
)
from tests.permission_worlds import Upload, area_namespaces, area_payloads, area_placeholders
from tests.spaces.factories import MembershipFactory, SpaceFactory, country, member_user

TABLE = Path(__file__).resolve().parent.parent / "docs" / "permissions.md"
COLUMNS = ["anonymous", "other space", "member", "secretariat", "admin"]
OUTCOMES = {"200", "302", "403", "404", "login"}
REFUSALS = {"403", "404", "login"}

# Namespaces whose every URL must have a row; admin and allauth pages are not ours to document.
OWN_NAMESPACES = {
    "core",
    "accounts",
    "territories",
    "directory",
    "imports",
    "spaces",
    "jobs",
    "audit",
    "meetings",
    "notifications",
    "documents",
} | area_namespaces()


# A minimal valid form per view that accepts POST. Values may use the placeholders of the table
# plus {country} (pk of the spaces' country) and {today} (ISO date).
POST_PAYLOADS = {
    "spaces:manage_members": {
        "person": "{person}",
        "role": Role.MEMBER,
        "vote": "deliberative",
        "start_date": "{today}",
    },
    "spaces:membership_change_role": {"role": Role.CHAIR},
    "spaces:membership_end": {"end_date": "{today}"},
    "spaces:college_create": {"name": "Collège des partenaires", "order": "1"},
    "spaces:college_update": {"name": "Collège des régions et districts", "order": "2"},
    "spaces:create": {
        "name": "Espace de concertation test",
        "slug": "espace-de-concertation-test",
        "kind": "concertation_space",
        "country": "{country}",
        "status": "active",
        "visibility": "public",
    },
    "spaces:update": {
        "name": "Comité de suivi renommé",
        "slug": "{space}",
        "kind": "follow_up_committee",
        "country": "{country}",
        "status": "active",
        "visibility": "public",
    },
    "directory:person_create": {"first_name": "Koffi", "last_name": "Testyao"},
    "directory:person_update": {"first_name": "Mariam", "last_name": "Testdiarra", "gender": "F"},
    "directory:consent_add": {"purpose": "Lettre d'information", "given_at": "{today}"},
    "directory:organisation_create": {"name": "Coopérative test", "kind": "company"},
    "directory:person_merge": {"duplicate": "{duplicate}"},
    "imports:people": {
        "file": Upload("personnes.csv", "Prénom;Nom;Sexe\nAwa;Testkoné;F\n".encode("cp1252"))
    },
    "jobs:selftest": {},
    "accounts:invite": {},
    "directory:organisation_update": {
        "name": "Union des ressortissants test",
        "kind": "diaspora_association",
        "country": "{country}",
    },
    "notifications:mark_all_read": {},
    "notifications:preferences": {"frequency": "daily"},
    "documents:verify": {"sha256": "0" * 64},
    "meetings:create": {
        "title": "Réunion du comité de suivi",
        "kind": "committee",
        "mode": "in_person",
        "visibility": "members",
        "time_zone": "Africa/Abidjan",
        "date": "{today}",
        "start_time": "09:00",
        "end_time": "12:00",
        "venue": "Salle du conseil régional",
    },
    "meetings:update": {
        "title": "Réunion du comité de suivi déplacée",
        "kind": "committee",
        "mode": "in_person",
        "visibility": "public",
        "time_zone": "Africa/Abidjan",
        "date": "{today}",
        "start_time": "15:00",
        "end_time": "17:00",
        "venue": "Salle du conseil régional",
    },
    "meetings:cancel": {"reason": "Salle indisponible."},
    "meetings:training_scores": {
        "scores-TOTAL_FORMS": "1",
        "scores-INITIAL_FORMS": "1",
        "scores-0-person": "{member_person}",
        "scores-0-pre_score": "40",
        "scores-0-post_score": "75",
    },
    "meetings:training_survey": {
        "overall": "4",
        "content": "5",
        "facilitation": "4",
        "organisation": "3",
        "would_recommend": "yes",
        "comments": "Très utile.",
    },
    "meetings:minutes_start": {},
    "meetings:minutes_edit": {
        "summary": "Le comité a validé sa feuille de route.",
        "visibility": "members",
    },
    "meetings:outcome_add": {"kind": "decision", "text": "Le comité valide la feuille de route."},
    "meetings:outcome_edit": {
        "kind": "action_item",
        "text": "Relancer les partenaires",
        "owner": "{member_person}",
        "status": "in_progress",
    },
    "meetings:outcome_delete": {},
    "meetings:outcome_status": {"status": "done"},
    "meetings:minutes_action": {"action": "submit"},
    "meetings:minutes_comment": {"section": "summary", "text": "Préciser les montants."},
    "meetings:framing_note_edit": {
        "context": "La région veut associer sa diaspora.",
        "objectives": "Valider la feuille de route.",
    },
    "meetings:agenda_item_add": {"title": "Divers", "kind": "other", "duration_minutes": "15"},
    "meetings:agenda_item_edit": {"title": "Ouverture", "kind": "opening"},
    "meetings:agenda_item_delete": {},
    "meetings:agenda_item_move": {"direction": "down"},
    "meetings:framing_note_action": {"action": "submit"},
    "meetings:framing_note_comment": {"section": "objectives", "text": "Préciser le calendrier."},
    "meetings:check_in_person": {},
    "meetings:walk_in": {"first_name": "Awa", "last_name": "Testkoné", "mode": "in_person"},
    "meetings:attendance_online": {"people": "{person}"},
    "meetings:attendance_remove": {"reason": "Saisie en double"},
    "meetings:attendance_import": {
        "file": Upload("feuille.csv", "Prénom;Nom;Sexe\nAwa;Testkoné;F\n".encode("cp1252"))
    },
    "meetings:invite": {"people": "{person}"},
    "meetings:register": {"mode": "in_person", "first_name": "Awa", "last_name": "Testcompte"},
    "meetings:public_register": {
        "first_name": "Aminata",
        "last_name": "Testtraoré",
        "email": "aminata.test@example.org",
        "country_of_residence": "{country}",
        "mode": "in_person",
        "consent": "on",
    },
    "meetings:cancel_registration": {},
    "meetings:cancel_by_token": {},
    "meetings:registrations": {"person": "{duplicate}", "mode": "in_person"},
    "meetings:registration_cancel": {},
} | area_payloads()


def read_table() -> list[dict]:
    lines = [line.strip() for line in TABLE.read_text().splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert header == ["view", "method", "url", *COLUMNS], f"Unexpected table header: {header}"
    rows = []
    for line in lines[2:]:  # after the header and the |---| line
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert len(cells) == len(header), f"Row with {len(cells)} cells instead of 8: {line}"
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


ROWS = read_table()
CASES = [pytest.param(row, id=f"{row['view']} {row['method']} {row['url']}") for row in ROWS]


@pytest.fixture
def world(db, settings):
    """One of each thing a URL of the table can name, and a user per column."""
    # Five accounts per case: the real password hasher would make the table take minutes.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    SiteIdentity.current()  # created on the first page otherwise, which would look like a change
    space = SpaceFactory(name="Comité de suivi du Cavally", slug="comite-cavally")
    other_space = SpaceFactory(name="Comité de suivi de la Nawa", slug="comite-nawa")
    private_space = SpaceFactory(
        name="Groupe de travail restreint", slug="groupe-restreint", visibility=Visibility.MEMBERS
    )
    member = member_user(space)
    MembershipFactory(space=private_space, person=member.person)
    secretariat = member_user(space, role=Role.SECRETARIAT)
    users = {
        "anonymous": None,
        "other space": member_user(other_space),
        "member": member,
        "secretariat": secretariat,
        "admin": make_admin(),
    }
    ci = country()
    organisation = Organisation.objects.create(
        name="Union des ressortissants test", kind="diaspora_association", country=ci
    )
    person = Person.objects.create(
        first_name="Mariam", last_name="Testdiarra", organisation=organisation
    )
    duplicate = Person.objects.create(first_name="Mariam", last_name="Test-Diarra")
    membership = MembershipFactory(space=space)
    # A public meeting ahead with its draft framing note; a members' meeting held last week with
    # its draft minutes and the member's attendance; a meeting of the members-only space.
    meeting = MeetingFactory(space=space, visibility=Visibility.PUBLIC, capacity=30)
    FramingNoteFactory(meeting=meeting)
    agenda_item = AgendaItemFactory(meeting=meeting, order=1)
    past_meeting = MeetingFactory(space=space, starts_at=in_days(-7))
    AgendaItemFactory(meeting=past_meeting, order=1)
    past_minutes = MinutesFactory(meeting=past_meeting)
    outcome = OutcomeFactory(
        minutes=past_minutes, kind="action_item", text="Relancer", owner=member.person
    )
    attendance = AttendanceFactory(meeting=past_meeting, person=member.person)
    private_meeting = MeetingFactory(space=private_space)
    registration = RegistrationFactory(meeting=meeting)  # someone else's, to cancel
    training = TrainingFactory(space=space)  # held last week; the member attended
    AttendanceFactory(meeting=training, person=member.person)
    placeholders = {
        "space": space.slug,
        "private_space": private_space.slug,
        "person": person.pk,
        "duplicate": duplicate.pk,
        "organisation": organisation.pk,
        "membership": membership.pk,
        "college": membership.college_id,
        "region": Region.objects.create(country=ci, name="Région de test").pk,
        "job": Job.objects.create(name="test.noop", label="Test", created_by=secretariat).pk,
        "country": ci.pk,
        "today": timezone.localdate().isoformat(),
        "meeting": meeting.pk,
        "past_meeting": past_meeting.pk,
        "attendance": attendance.pk,
        "private_meeting": private_meeting.pk,
        "registration": registration.pk,
        "registration_token": registration.token,
        "agenda_item": agenda_item.pk,
        "outcome": outcome.pk,
        "training": training.pk,
        "member_person": member.person.pk,
        "document": issue_document(
            subject=space,
            kind="sample",
            title="Note de cadrage test",
            template_name="documents/sample.html",
            context={},
            fmt=DocumentFormat.DOCX,
            space=space,
        ).pk,
        "notification": Notification.objects.create(
            recipient=member, subject="Réunion à venir", url=f"/espaces/{space.slug}/"
        ).pk,
    }
    placeholders.update(
        area_placeholders(space=space, private_space=private_space, users=users, base=placeholders)
    )
    return users, placeholders


def fill(template: str, placeholders: dict, where: str) -> str:
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    unknown = names - placeholders.keys()
    if unknown:
        pytest.fail(
            f"Unknown placeholder(s) {sorted(unknown)} in {where}; "
            f"known: {sorted(placeholders)} (add it to the `world` fixture of this test)."
        )
    return template.format(**placeholders)


def database_state() -> dict:
    """Every row of every table, so that a refused POST can be shown to have changed nothing."""
    state = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        rows = model._base_manager.all()
        # Sessions are rewritten by the login machinery itself; their number is what matters.
        state[model._meta.label] = (
            rows.count() if model is Session else list(rows.order_by("pk").values_list())
        )
    return state


class _UndoColumn(Exception):
    """Rolls back what one column's request did, so that the next column finds the same world."""


@pytest.mark.parametrize("row", CASES)
def test_permission_table(client, world, row):
    """One world per row (building it is the slow part); each column runs in a savepoint that is
    rolled back, and every column's failure is reported."""
    failures = []
    for column in COLUMNS:
        client.logout()
        try:
            with transaction.atomic():
                check_cell(client, world, row, column)
                raise _UndoColumn
        except _UndoColumn:
            pass
        except AssertionError as failure:
            failures.append(f"[{column}] {failure}")
    assert not failures, "\n".join(failures)


def check_cell(client, world, row, column):
    users, placeholders = world
    expected = row[column]
    assert expected in OUTCOMES, f"Unknown cell {expected!r} in row {row}; use {OUTCOMES}"
    url = fill(row["url"], placeholders, f"the url of row {row['view']}")
    if users[column] is not None:
        client.force_login(users[column])

    if row["method"] == "GET":
        response = client.get(url)
    elif row["method"] == "POST":
        if row["view"] not in POST_PAYLOADS:
            pytest.fail(
                f"No POST payload for {row['view']}: add a minimal valid form to POST_PAYLOADS "
                "in tests/test_permissions.py."
            )
        payload = {
            key: SimpleUploadedFile(value.name, value.content)
            if isinstance(value, Upload)
            else fill(str(value), placeholders, f"the payload of {row['view']}")
            for key, value in POST_PAYLOADS[row["view"]].items()
        }
        before = database_state()
        response = client.post(url, payload)
        if expected in REFUSALS:
            assert database_state() == before, f"A refused POST changed the database ({url})"
    else:
        pytest.fail(f"Unknown method {row['method']!r} in row {row}")

    login_url = reverse("account_login")
    location = response.get("Location", "")
    if expected == "login":
        assert response.status_code == 302 and location.startswith(login_url), (
            f"{column} on {url}: expected a redirect to the login page, "
            f"got {response.status_code} {location}"
        )
    elif expected == "302":
        assert response.status_code == 302 and not location.startswith(login_url), (
            f"{column} on {url}: expected the action done and a redirect, "
            f"got {response.status_code} {location}"
        )
    else:
        assert response.status_code == int(expected), (
            f"{column} on {url}: expected {expected}, got {response.status_code} {location}"
        )


def _named_urls(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_urls(pattern, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_view_has_a_row():
    documented = {row["view"] for row in ROWS}
    ours = {name for name in _named_urls(get_resolver()) if name.split(":")[0] in OWN_NAMESPACES}
    missing = sorted(ours - documented)
    assert not missing, f"Views without a row in docs/permissions.md: {missing}"
