"""One demo account per role, each with a person in the directory and a verified e-mail.

The password is public on purpose: these accounts exist to be tried. The administrator, as every
site administrator, needs two-factor authentication, so the seed activates TOTP for them and
prints the TOTP secret and one recovery code.
"""

import datetime as dt
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from django.db import transaction

from palabre.directory.models import ConsentRecord, Gender, Organisation, Person
from palabre.spaces import demo as spaces_demo
from palabre.spaces.models import Role, Space, Vote
from palabre.territories.models import Country, Region

from .models import User

DEMO_PASSWORD = "palabre-demo-2026"
S = spaces_demo


@dataclass(frozen=True)
class DemoAccount:
    role_label: str
    email: str
    first_name: str
    last_name: str
    gender: str
    organisation: str | None
    position: str
    country: str = "CI"
    city: str = "Abidjan"
    region: str | None = None
    time_zone: str = ""
    is_staff: bool = False
    memberships: list[spaces_demo.MemberSpec] = field(default_factory=list)


ACCOUNTS = [
    DemoAccount(
        "site administrator",
        "admin@example.org",
        "Nadège",
        "Aka",
        Gender.FEMALE,
        "Assemblée des Régions de Côte d'Ivoire",
        "Administratrice de la plateforme",
        is_staff=True,
    ),
    DemoAccount(
        "secretariat",
        "secretariat@example.org",
        "Christelle",
        "Gnahoré",
        Gender.FEMALE,
        "Assemblée des Régions de Côte d'Ivoire",
        "Chargée de programme migration et développement local",
        memberships=[
            S.MemberSpec(S.COMMITTEE, "secretariat@example.org", None, Role.SECRETARIAT),
            S.MemberSpec(S.CONCERTATION, "secretariat@example.org", None, Role.SECRETARIAT),
            S.MemberSpec(S.PRIVATE_CELL, "secretariat@example.org", None, Role.SECRETARIAT),
        ],
    ),
    DemoAccount(
        "committee chair",
        "chair@example.org",
        "Kouadio",
        "Tapé",
        Gender.MALE,
        "Conseil régional de la Nawa",
        "Vice-président du conseil régional",
        city="Soubré",
        region="Nawa",
        memberships=[
            S.MemberSpec(S.COMMITTEE, "chair@example.org", S.REGIONS, Role.CHAIR),
            S.MemberSpec(S.CONCERTATION, "chair@example.org", S.REGIONS),
        ],
    ),
    DemoAccount(
        "approver (partner)",
        "approver@example.org",
        "Estelle",
        "Zadi",
        Gender.FEMALE,
        "Agence de coopération (partenaire technique)",
        "Chargée de programme",
        memberships=[
            S.MemberSpec(
                S.COMMITTEE, "approver@example.org", S.PARTNERS, Role.APPROVER, Vote.CONSULTATIVE
            ),
            S.MemberSpec(
                S.CONCERTATION,
                "approver@example.org",
                S.PARTNERS,
                Role.APPROVER,
                Vote.CONSULTATIVE,
            ),
        ],
    ),
    DemoAccount(
        "committee member",
        "member@example.org",
        "Seydou",
        "Diabaté",
        Gender.MALE,
        "Direction Générale des Ivoiriens de l'Extérieur",
        "Chef de service",
        memberships=[
            S.MemberSpec(S.COMMITTEE, "member@example.org", S.STATE),
            S.MemberSpec(S.PRIVATE_CELL, "member@example.org", S.STATE),
        ],
    ),
    DemoAccount(
        "diaspora member (France)",
        "diaspora@example.org",
        "Aya",
        "N'Guessan",
        Gender.FEMALE,
        "Collectif des originaires du Cavally en France",
        "Entrepreneure",
        country="FR",
        city="Lyon",
        region="Cavally",
        time_zone="Europe/Paris",
        memberships=[
            S.MemberSpec(S.CONCERTATION, "diaspora@example.org", S.DIASPORA),
            S.MemberSpec(S.WORKING_GROUP, "diaspora@example.org", S.DIASPORA),
        ],
    ),
    DemoAccount(
        "investment officer of the concertation space",
        "investissement@example.org",
        "Judith",
        "Kipré",
        Gender.FEMALE,
        "Conseil régional de San-Pédro",
        "Chargée de l'investissement de la diaspora",
        city="San-Pédro",
        region="San-Pédro",
        memberships=[
            S.MemberSpec(
                S.CONCERTATION, "investissement@example.org", S.REGIONS, Role.INVESTMENT_OFFICER
            )
        ],
    ),
    DemoAccount(
        "promoter of the Méagui cooperative's opportunities",
        "promoteur@example.org",
        "Bernadette",
        "Zadi",
        Gender.FEMALE,
        "Coopérative agricole Espoir de Méagui",
        "Gérante de la coopérative",
        city="Méagui",
        region="Nawa",
    ),
    DemoAccount(
        "visitor (no membership)",
        "visitor@example.org",
        "Armand",
        "Kra",
        Gender.MALE,
        None,
        "",
        city="San-Pédro",
        region="San-Pédro",
    ),
]


@dataclass
class Credential:
    role_label: str
    email: str
    password: str
    notes: list[str] = field(default_factory=list)


def seed(*, stdout) -> None:
    with transaction.atomic():
        for account in ACCOUNTS:
            _account_ensure(account)
        spaces = {s.slug: s for s in Space.objects.filter(slug__in=_space_slugs())}
        spaces_demo.memberships_ensure(
            [spec for account in ACCOUNTS for spec in account.memberships], spaces
        )
    stdout.write(f"Accounts: {len(ACCOUNTS)} demo accounts, password {DEMO_PASSWORD!r}.")


def _space_slugs() -> set[str]:
    return {spec.space for account in ACCOUNTS for spec in account.memberships}


def _account_ensure(account: DemoAccount) -> None:
    user, created = User.objects.get_or_create(
        email=account.email,
        defaults={
            "full_name": f"{account.first_name} {account.last_name}",
            "is_staff": account.is_staff,
            "is_superuser": account.is_staff,
            "time_zone": account.time_zone,
        },
    )
    # Checked rather than reset, so that a second run does not rewrite the hash for nothing.
    if created or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=account.email, defaults={"verified": True, "primary": True}
    )
    person, created = Person.objects.get_or_create(
        email=account.email,
        defaults={
            "first_name": account.first_name,
            "last_name": account.last_name,
            "gender": account.gender,
            "organisation": Organisation.objects.filter(name=account.organisation).first(),
            "position": account.position,
            "country_of_residence": Country.objects.get(iso2=account.country),
            "city_of_residence": account.city,
            "region_of_attachment": Region.objects.filter(
                country__iso2="CI", name=account.region
            ).first(),
            "user": user,
        },
    )
    if person.user_id is None:
        person.user = user
        person.save(update_fields=["user"])
    if created:
        ConsentRecord.objects.create(
            person=person,
            purpose="Création d'un compte de démonstration",
            given_at=dt.datetime(2025, 1, 15, 9, tzinfo=dt.UTC),
            source="Compte de démonstration",
        )
    if account.is_staff:
        _mfa_ensure(user)


def _mfa_ensure(user: User) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    RecoveryCodes.activate(user)


def credentials() -> list[Credential]:
    """What a demo user needs to sign in, read back from the database (MFA secrets are random)."""
    rows = []
    for account in ACCOUNTS:
        credential = Credential(account.role_label, account.email, DEMO_PASSWORD)
        if account.is_staff:
            credential.notes = _mfa_notes(account.email)
        rows.append(credential)
    return rows


def _mfa_notes(email: str) -> list[str]:
    user = User.objects.get(email=email)
    notes = []
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp:
        secret = decrypt(totp.data["secret"])
        notes.append(f"two-factor step: TOTP secret {secret}")
    codes = Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).first()
    unused = RecoveryCodes(codes).get_unused_codes() if codes else []
    if unused:
        notes.append(f"or the one-time recovery code {unused[0]}")
    return notes
