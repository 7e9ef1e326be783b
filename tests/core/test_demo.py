"""`palabre seed-demo` and `palabre demo`: the data a first visitor explores, and the accounts."""

import io
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import is_mfa_enabled
from django.core.management import call_command
from django.urls import reverse

from palabre.accounts.demo import ACCOUNTS, DEMO_PASSWORD, credentials
from palabre.accounts.models import User
from palabre.directory.models import ConsentRecord, Gender, Organisation, OrganisationKind, Person
from palabre.spaces import demo as spaces_demo
from palabre.spaces.models import College, Membership, Role, Space, Visibility
from palabre.spaces.selectors import roles_of
from palabre.territories.models import Region

pytestmark = pytest.mark.django_db

COUNTED = [
    Region,
    Region.main_sectors.through,
    Organisation,
    Person,
    Person.sectors.through,
    Person.languages.through,
    ConsentRecord,
    Space,
    Space.regions.through,
    College,
    Membership,
    User,
    EmailAddress,
    Authenticator,
]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Seven accounts hashed at production cost would make each seeding take seconds."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=io.StringIO())


def counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in COUNTED}


def test_seeding_twice_changes_nothing(seeded):
    first = counts()
    people = list(Person.objects.order_by("email").values_list("email", "first_name", "phone"))

    call_command("seed_demo", stdout=io.StringIO())

    assert counts() == first
    assert list(Person.objects.order_by("email").values_list("email", "first_name", "phone")) == (
        people
    )


def test_three_regions_with_their_census_population(seeded):
    regions = {r.name: r for r in Region.objects.filter(country__iso2="CI")}
    assert {
        name: (r.capital, r.population, r.population_source) for name, r in regions.items()
    } == {
        "San-Pédro": ("San-Pédro", 1_060_724, "RGPH 2021"),
        "Nawa": ("Soubré", 1_165_472, "RGPH 2021"),
        "Cavally": ("Guiglo", 708_241, "RGPH 2021"),
    }
    assert {"cocoa-coffee", "ports-logistics"} <= set(
        regions["San-Pédro"].main_sectors.values_list("code", flat=True)
    )


def test_about_300_people_a_third_women_and_many_abroad(seeded):
    people = list(Person.objects.select_related("region_of_attachment"))
    women = sum(p.gender == Gender.FEMALE for p in people)
    diaspora = sum(bool(p.is_diaspora) for p in people)

    assert 280 <= len(people) <= 320
    assert 0.25 <= women / len(people) <= 0.40
    assert any(p.gender == "" for p in people)
    assert 0.30 <= diaspora / len(people) <= 0.50
    assert ConsentRecord.objects.count() > 0.8 * len(people)


def test_every_demo_person_is_valid_with_a_unique_example_org_email(seeded):
    emails = []
    for person in Person.objects.all():
        person.full_clean()  # E.164 phones, lengths, choices
        assert person.email.isascii() and person.email.endswith("@example.org")
        emails.append(person.email)
    assert len(set(emails)) == len(emails)


def test_organisations_include_the_institutions_and_diaspora_associations(seeded):
    acronyms = set(Organisation.objects.values_list("acronym", flat=True))
    assert {"ARDCI", "DGIE"} <= acronyms
    associations = Organisation.objects.filter(kind=OrganisationKind.DIASPORA_ASSOCIATION)
    assert associations.count() >= 15
    assert {"FR", "IT", "US", "CA", "BF", "MA"} <= set(
        associations.values_list("country__iso2", flat=True)
    )


def test_committee_and_concertation_space_with_their_offices(seeded):
    committee = Space.objects.get(slug=spaces_demo.COMMITTEE)
    current = Membership.objects.current().filter(space=committee)
    assert 15 <= current.count() <= 25
    assert {Role.CHAIR, Role.SECRETARIAT, Role.RAPPORTEUR, Role.APPROVER} <= set(
        current.values_list("role", flat=True)
    )
    assert set(committee.colleges.values_list("name", flat=True)) == set(spaces_demo.COLLEGES)
    assert current.filter(college__isnull=False).values("college").distinct().count() == 6

    wide = Space.objects.get(slug=spaces_demo.CONCERTATION)
    assert 100 <= Membership.objects.current().filter(space=wide).count() <= 140
    assert Space.objects.get(slug=spaces_demo.WORKING_GROUP).parent == wide
    assert Space.objects.get(slug=spaces_demo.PRIVATE_CELL).visibility == Visibility.MEMBERS
    three = {"San-Pédro", "Nawa", "Cavally"}
    assert set(committee.regions.values_list("name", flat=True)) == three
    assert set(wide.regions.values_list("name", flat=True)) == three


def test_each_demo_account_logs_in_with_the_printed_password(seeded, client):
    printed = {c.email: c.password for c in credentials()}
    assert set(printed) == {a.email for a in ACCOUNTS}
    for email, password in printed.items():
        assert client.login(email=email, password=password), email
        client.logout()


def test_demo_accounts_hold_the_roles_they_are_named_after(seeded):
    def roles(email):
        user = User.objects.get(email=email)
        spaces = dict(Space.objects.values_list("pk", "slug"))
        return {spaces[pk]: found for pk, found in roles_of(user).items()}

    assert Role.SECRETARIAT in roles("secretariat@example.org")[spaces_demo.COMMITTEE]
    assert Role.CHAIR in roles("chair@example.org")[spaces_demo.COMMITTEE]
    assert Role.APPROVER in roles("approver@example.org")[spaces_demo.COMMITTEE]
    assert roles("member@example.org")[spaces_demo.COMMITTEE] == {Role.MEMBER}
    assert roles("visitor@example.org") == {}
    diaspora = Person.objects.get(email="diaspora@example.org")
    assert diaspora.is_diaspora and diaspora.country_of_residence.iso2 == "FR"
    assert diaspora.user.time_zone == "Europe/Paris"
    admin = User.objects.get(email="admin@example.org")
    assert admin.is_staff and admin.is_superuser and is_mfa_enabled(admin)


def _sign_in_admin(client, code: str) -> bool:
    response = client.post(
        reverse("account_login"), {"login": "admin@example.org", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302 and response.url == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": code})
    return "_auth_user_id" in client.session


def test_admin_passes_two_factor_step_with_the_printed_totp_secret(seeded, client):
    notes = next(c.notes for c in credentials() if c.email == "admin@example.org")
    secret = next(n for n in notes if "TOTP" in n).split()[-1]
    if 30 - time.time() % 30 < 2:
        time.sleep(2)  # so that the code computed here is still the current one when checked
    counter = int(time.time()) // 30

    assert not _sign_in_admin(client, "000000")
    assert _sign_in_admin(client, format_hotp_value(hotp_value(secret, counter)))


def test_admin_passes_two_factor_step_with_the_printed_recovery_code(seeded, client):
    notes = next(c.notes for c in credentials() if c.email == "admin@example.org")
    code = next(n for n in notes if "recovery" in n).split()[-1]

    assert _sign_in_admin(client, code)


def test_home_page_shows_the_three_regions(seeded, client):
    html = client.get(reverse("core:home")).content.decode()
    for name in ("San-Pédro", "Nawa", "Cavally"):
        assert name in html


def test_demo_command_prints_the_address_and_every_account(seeded):
    out = io.StringIO()
    call_command("demo", "--no-serve", "--port", "8765", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8765/" in text
    for account in ACCOUNTS:
        assert account.email in text
    assert DEMO_PASSWORD in text
    assert "recovery code" in text
