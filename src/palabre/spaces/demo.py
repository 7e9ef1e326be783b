"""Demo spaces: the follow-up committee, the wider concertation space, a working group and a
members-only cell, with colleges and members drawn from the demo directory."""

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction

from palabre.directory import demo as directory_demo
from palabre.directory.models import OrganisationKind, Person
from palabre.territories.models import Country, Region

from .models import College, Membership, Role, Space, SpaceKind, Visibility, Vote

COMMITTEE = "comite-de-suivi"
CONCERTATION = "espace-concertation-san-pedro-nawa-cavally"
WORKING_GROUP = "gt-investissement-diaspora"
PRIVATE_CELL = "cellule-preparation-forum-diaspora"

REGIONS = "Régions"
STATE = "Services de l'État"
DIASPORA = "Diaspora"
PRIVATE_SECTOR = "Secteur privé"
CIVIL_SOCIETY = "Société civile"
PARTNERS = "Partenaires techniques et financiers"
COLLEGES = [REGIONS, STATE, DIASPORA, PRIVATE_SECTOR, CIVIL_SOCIETY, PARTNERS]

# The territory every demo space covers, by region name in Côte d'Ivoire.
THREE_REGIONS = ["San-Pédro", "Nawa", "Cavally"]

K = OrganisationKind
COLLEGE_OF_KIND = {
    K.REGIONAL_COUNCIL: REGIONS,
    K.REGIONS_ASSOCIATION: REGIONS,
    K.STATE_SERVICE: STATE,
    K.DIASPORA_ASSOCIATION: DIASPORA,
    K.COMPANY: PRIVATE_SECTOR,
    K.OTHER: PRIVATE_SECTOR,  # the chambers of commerce and agriculture
    K.CIVIL_SOCIETY: CIVIL_SOCIETY,
    K.RESEARCH: CIVIL_SOCIETY,
    K.PARTNER: PARTNERS,
}

SPACES = [
    {
        "slug": COMMITTEE,
        "name": "Comité de suivi de l'espace de concertation Région–Diaspora",
        "kind": SpaceKind.FOLLOW_UP_COMMITTEE,
        "parent": None,
        "regions": THREE_REGIONS,
        "visibility": Visibility.PUBLIC,
        "founded_on": dt.date(2024, 3, 14),
        "summary": "Le comité qui prépare et accompagne la création de l'espace de concertation "
        "entre les régions de San-Pédro, de la Nawa et du Cavally et leur diaspora.",
        "description": "Constitué en 2024 avec l'appui de l'ARDCI et de la DGIE, le comité de "
        "suivi réunit les conseils régionaux, les services de l'État, des associations de la "
        "diaspora, le secteur privé, la société civile et les partenaires techniques et "
        "financiers. Il rédige le cahier des charges de l'espace de concertation, propose ses "
        "thématiques et suit son plan d'action.",
        # college: (members drawn from the directory, seats)
        "colleges": {
            REGIONS: (3, 5),
            STATE: (3, 4),
            DIASPORA: (4, 5),
            PRIVATE_SECTOR: (2, 2),
            CIVIL_SOCIETY: (2, 2),
            PARTNERS: (1, 2),
        },
    },
    {
        "slug": CONCERTATION,
        "name": "Espace de concertation San-Pédro – Nawa – Cavally et diaspora",
        "kind": SpaceKind.CONCERTATION_SPACE,
        "parent": COMMITTEE,
        "regions": THREE_REGIONS,
        "visibility": Visibility.PUBLIC,
        "founded_on": dt.date(2025, 2, 20),
        "summary": "Un espace de dialogue durable entre les trois régions et leur diaspora pour "
        "le développement local et l'investissement productif.",
        "description": "L'espace de concertation multi-acteurs rassemble tous ceux qui agissent "
        "pour le développement des régions de San-Pédro, de la Nawa et du Cavally : élus, "
        "services de l'État, diaspora établie en Europe, en Amérique du Nord et en Afrique, "
        "entreprises, organisations de la société civile et partenaires.",
        "colleges": {
            REGIONS: (18, None),
            STATE: (14, None),
            DIASPORA: (42, None),
            PRIVATE_SECTOR: (20, None),
            CIVIL_SOCIETY: (18, None),
            PARTNERS: (5, None),
        },
    },
    {
        "slug": WORKING_GROUP,
        "name": "Groupe de travail « Investissement productif de la diaspora »",
        "kind": SpaceKind.WORKING_GROUP,
        "parent": CONCERTATION,
        "regions": THREE_REGIONS,
        "visibility": Visibility.PUBLIC,
        "founded_on": dt.date(2025, 6, 10),
        "summary": "Conçoit et suit les outils pilotes d'incitation à l'investissement de la "
        "diaspora : guichet, guide de l'investisseur, journées de la diaspora.",
        "description": "",
        "colleges": {DIASPORA: (6, None), PRIVATE_SECTOR: (3, None), STATE: (2, None)},
    },
    {
        "slug": PRIVATE_CELL,
        "name": "Cellule de préparation du forum de la diaspora",
        "kind": SpaceKind.WORKING_GROUP,
        "parent": COMMITTEE,
        "regions": THREE_REGIONS,
        "visibility": Visibility.MEMBERS,
        "founded_on": dt.date(2025, 9, 1),
        "summary": "Préparation logistique et budgétaire du premier forum de la diaspora des "
        "trois régions ; travaux réservés à ses membres.",
        "description": "",
        "colleges": {REGIONS: (2, None), STATE: (1, None), DIASPORA: (2, None)},
    },
]


@dataclass(frozen=True)
class MemberSpec:
    space: str
    email: str
    college: str | None
    role: str = Role.MEMBER
    vote: str = Vote.DELIBERATIVE
    start_date: dt.date | None = None
    end_date: dt.date | None = None


def member_specs() -> list[MemberSpec]:
    """Draws each space's members from the demo people by college, always the same ones."""
    rng = random.Random(2026)
    kind_of = {row[0]: row[2] for row in directory_demo.ORGANISATIONS} | {
        row[0]: K.DIASPORA_ASSOCIATION for row in directory_demo.DIASPORA_ASSOCIATIONS
    }
    by_college: dict[str, list[str]] = {}
    for person in directory_demo.people_specs():
        if person.organisation:
            college = COLLEGE_OF_KIND[kind_of[person.organisation]]
        elif person.is_diaspora:
            college = DIASPORA
        else:
            continue
        by_college.setdefault(college, []).append(person.email)

    chosen: dict[str, dict[str, list[str]]] = {}
    specs = []
    for space in SPACES:
        parent_members = (
            chosen.get(space["parent"]) if space["kind"] == SpaceKind.WORKING_GROUP else None
        )
        chosen[space["slug"]] = {}
        for college, (count, _seats) in space["colleges"].items():
            # A working group draws from the space above it; the others from the whole directory.
            pool = parent_members.get(college, []) if parent_members else by_college[college]
            emails = rng.sample(pool, min(count, len(pool)))
            chosen[space["slug"]][college] = emails
            for email in emails:
                vote = Vote.CONSULTATIVE if college == PARTNERS else Vote.DELIBERATIVE
                role = (
                    Role.OBSERVER
                    if college == PARTNERS and space["slug"] != COMMITTEE
                    else Role.MEMBER
                )
                specs.append(MemberSpec(space["slug"], email, college, role, vote))
    return _with_office_holders(specs, chosen)


def _with_office_holders(specs: list[MemberSpec], chosen) -> list[MemberSpec]:
    """Gives a few members an office; the chair, secretariat and approver are demo accounts."""
    offices = {
        (COMMITTEE, chosen[COMMITTEE][REGIONS][0]): Role.VICE_CHAIR,
        (COMMITTEE, chosen[COMMITTEE][DIASPORA][0]): Role.RAPPORTEUR,
        (CONCERTATION, chosen[CONCERTATION][REGIONS][0]): Role.CHAIR,
        (CONCERTATION, chosen[CONCERTATION][DIASPORA][0]): Role.RAPPORTEUR,
        (WORKING_GROUP, chosen[WORKING_GROUP][DIASPORA][0]): Role.CHAIR,
    }
    result = [
        MemberSpec(s.space, s.email, s.college, offices.get((s.space, s.email), s.role), s.vote)
        for s in specs
    ]
    # The committee's first rapporteur handed over after a year; history stays visible.
    result.append(
        MemberSpec(
            COMMITTEE,
            chosen[COMMITTEE][STATE][0],
            STATE,
            Role.RAPPORTEUR,
            start_date=dt.date(2024, 3, 14),
            end_date=dt.date(2025, 3, 31),
        )
    )
    return result


def seed(*, stdout) -> None:
    with transaction.atomic():
        spaces = spaces_seed()
        created = memberships_ensure(member_specs(), spaces)
    stdout.write(f"Spaces: {len(spaces)} spaces, {created} new memberships.")


def spaces_seed() -> dict[str, Space]:
    ivory_coast = Country.objects.get(iso2="CI")
    regions = {r.name: r for r in Region.objects.filter(country=ivory_coast)}
    spaces: dict[str, Space] = {}
    for row in SPACES:
        space, _created = Space.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "kind": row["kind"],
                "country": ivory_coast,
                "parent": spaces.get(row["parent"]),
                "visibility": row["visibility"],
                "founded_on": row["founded_on"],
                "summary": row["summary"],
                "description": row["description"],
            },
        )
        # Added rather than set, so that a reseed keeps the regions someone added since.
        space.regions.add(*(regions[name] for name in row["regions"]))
        spaces[row["slug"]] = space
        for order, (name, (_count, seats)) in enumerate(row["colleges"].items()):
            College.objects.get_or_create(
                space=space, name=name, defaults={"order": order, "seats": seats}
            )
    return spaces


def memberships_ensure(specs: list[MemberSpec], spaces: dict[str, Space]) -> int:
    """Creates the memberships that do not exist yet (same space, person, role and start)."""
    people = {p.email: p for p in Person.objects.filter(email__in={s.email for s in specs})}
    colleges = {(c.space_id, c.name): c for c in College.objects.filter(space__in=spaces.values())}
    existing = set(
        Membership.objects.filter(space__in=spaces.values()).values_list(
            "space_id", "person_id", "role", "start_date"
        )
    )
    new = []
    for spec in specs:
        space, person = spaces[spec.space], people[spec.email]
        start_date = spec.start_date or space.founded_on
        if (space.pk, person.pk, spec.role, start_date) in existing:
            continue
        existing.add((space.pk, person.pk, spec.role, start_date))
        new.append(
            Membership(
                space=space,
                person=person,
                college=colleges.get((space.pk, spec.college)),
                organisation_id=person.organisation_id,
                role=spec.role,
                vote=spec.vote,
                start_date=start_date,
                end_date=spec.end_date,
            )
        )
    Membership.objects.bulk_create(new)
    return len(new)
