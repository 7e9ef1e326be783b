"""Reads of the directory, joins declared once so that pages cost the same at any size."""

from dataclasses import dataclass

from django.db import models
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Lower

from .models import Organisation, Person
from .names import normalise_name


def people_list() -> QuerySet[Person]:
    """People still in the directory (merged duplicates are left out), ready for a list page."""
    return Person.objects.active().select_related(
        "organisation", "country_of_residence", "region_of_attachment"
    )


def people_search(*, query: str, queryset: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """By name whatever the accents, case or order of names; by e-mail; by organisation."""
    queryset = people_list() if queryset is None else queryset
    query = query.strip()
    if not query:
        return queryset
    words = normalise_name(query).split()
    by_name = Q()
    for word in words:
        by_name &= Q(normalised_name__contains=word)
    matches = (
        Q(email__icontains=query)
        | Q(organisation__name__icontains=query)
        | Q(organisation__acronym__iexact=query)
    )
    if words:
        matches |= by_name
    return queryset.filter(matches)


def people_diaspora(queryset: QuerySet[Person], diaspora: bool) -> QuerySet[Person]:
    """Diaspora: living outside the country of the region of attachment; unknown is neither."""
    known = queryset.filter(country_of_residence__isnull=False, region_of_attachment__isnull=False)
    at_home = Q(country_of_residence=F("region_of_attachment__country"))
    return known.exclude(at_home) if diaspora else known.filter(at_home)


def people_for_export(queryset: QuerySet[Person]) -> QuerySet[Person]:
    return queryset.prefetch_related("sectors", "languages")


def person_detail_queryset() -> QuerySet[Person]:
    return Person.objects.select_related(
        "organisation", "country_of_residence", "region_of_attachment__country", "user"
    ).prefetch_related("sectors", "languages")


def person_memberships(person: Person):
    return person.memberships.select_related("space", "college", "organisation").order_by(
        "-start_date"
    )


def person_consents(person: Person):
    return person.consents.select_related("recorded_by")


def person_links() -> list[models.ForeignObjectRel]:
    """Every table whose rows point to a person, including those that later apps add.

    Hidden relations count too: the link tables of many-to-many fields (a person's own sectors,
    a meeting's participants) and foreign keys declared with related_name="+".
    """
    return [
        field
        for field in Person._meta.get_fields(include_hidden=True)
        if field.auto_created and not field.concrete and (field.one_to_many or field.one_to_one)
    ]


def person_link_counts(person: Person) -> list[tuple[str, int]]:
    """How many records of each kind point to this person, as a merge will carry them over."""
    counts = []
    for rel in person_links():
        model = rel.related_model
        if model._meta.auto_created:
            continue  # links of many-to-many fields, shown with the fields themselves
        count = model._base_manager.filter(**{rel.field.name: person}).count()
        if count:
            counts.append((str(model._meta.verbose_name_plural), count))
    return counts


def duplicate_candidates(person: Person) -> QuerySet[Person]:
    """Active people who may be the same as `person` (saved or not): same e-mail whatever its
    case, or same name whatever the accents, case and order of names."""
    same = Q(normalised_name=normalise_name(person.first_name, person.last_name))
    email = (person.email or "").strip()
    if email:
        same |= Q(email__iexact=email)
    candidates = people_list().filter(same)
    if person.pk:
        candidates = candidates.exclude(pk=person.pk)
    return candidates


@dataclass
class DuplicateGroup:
    people: list[Person]
    reasons: set[str]


def duplicate_groups() -> list[DuplicateGroup]:
    """Groups of active people sharing a normalised name or an e-mail, oldest entry first."""
    active = Person.objects.active()
    names = (
        active.values("normalised_name")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("normalised_name", flat=True)
    )
    emails = (
        active.exclude(email="")
        .annotate(key=Lower("email"))
        .values("key")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("key", flat=True)
    )
    people = (
        people_list()
        .annotate(email_key=Lower("email"))
        .filter(Q(normalised_name__in=names) | Q(email_key__in=emails))
        .order_by("pk")
    )

    # Union-find: people sharing either key end up under the same root.
    parent: dict[int, int] = {}

    def root(pk: int) -> int:
        while parent.setdefault(pk, pk) != pk:
            pk = parent[pk]
        return pk

    first_with: dict[tuple[str, str], int] = {}
    for person in people:
        for key in (("name", person.normalised_name), ("email", person.email_key)):
            if key[1]:
                parent[root(person.pk)] = root(first_with.setdefault(key, person.pk))
    groups: dict[int, DuplicateGroup] = {}
    for person in people:
        group = groups.setdefault(root(person.pk), DuplicateGroup(people=[], reasons=set()))
        group.people.append(person)
    for group in groups.values():
        if len({p.normalised_name for p in group.people}) < len(group.people):
            group.reasons.add("name")
        emails_in_group = [p.email_key for p in group.people if p.email_key]
        if len(set(emails_in_group)) < len(emails_in_group):
            group.reasons.add("email")
    return [group for group in groups.values() if len(group.people) > 1]


def organisations_list() -> QuerySet[Organisation]:
    # An aggregate drops Meta.ordering, hence the explicit order.
    return (
        Organisation.objects.select_related("country", "region")
        .annotate(people_count=Count("people", filter=Q(people__merged_into__isnull=True)))
        .order_by("name")
    )


def organisations_search(
    *, query: str, queryset: QuerySet[Organisation] | None = None
) -> QuerySet[Organisation]:
    queryset = organisations_list() if queryset is None else queryset
    query = query.strip()
    if not query:
        return queryset
    return queryset.filter(
        Q(name__icontains=query) | Q(acronym__icontains=query) | Q(city__icontains=query)
    )
