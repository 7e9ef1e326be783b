"""What an import looks up, loaded once per file so that the queries do not grow with its rows."""

from collections import defaultdict

from django.utils.translation import gettext as _

from palabre.directory.models import Organisation, Person
from palabre.directory.names import normalise_name
from palabre.territories.models import Country, Language, Region, Sector

from .columns import compact_key
from .values import CellError


def _index_by_keys(objects, *attributes) -> dict[str, list]:
    index = defaultdict(list)
    for obj in objects:
        for key in {compact_key(getattr(obj, name) or "") for name in attributes} - {""}:
            index[key].append(obj)
    return index


# Everyday names that are neither an official name nor an ISO code.
COUNTRY_ALIASES = {
    "rci": "CI",
    "burkina": "BF",
    "uk": "GB",
    "angleterre": "GB",
    "hollande": "NL",
    "etatsunisdamerique": "US",
}


class References:
    """Countries, regions, sectors and languages by any of their names or codes."""

    def __init__(self):
        self.countries = _index_by_keys(Country.objects.all(), "iso2", "iso3", "name_fr", "name_en")
        by_code = {country.iso2: country for found in self.countries.values() for country in found}
        for alias, iso2 in COUNTRY_ALIASES.items():
            if iso2 in by_code:
                self.countries.setdefault(alias, [by_code[iso2]])
        self.regions = _index_by_keys(Region.objects.select_related("country"), "name")
        self.sectors = _index_by_keys(Sector.objects.all(), "code", "name_fr", "name_en")
        self.languages = _index_by_keys(Language.objects.all(), "code", "name_fr", "name_en")

    def country(self, text: str) -> Country | None:
        return self._one(self.countries, text, _("“%(value)s” is not a known country."))

    def region(self, text: str) -> Region | None:
        return self._one(self.regions, text, _("“%(value)s” is not a known region."))

    def sectors_of(self, texts: list[str]) -> list[Sector]:
        return [self._one(self.sectors, t, _("“%(value)s” is not a known sector.")) for t in texts]

    def languages_of(self, texts: list[str]) -> list[Language]:
        message = _("“%(value)s” is not a known language.")
        return [self._one(self.languages, t, message) for t in texts]

    @staticmethod
    def _one(index: dict[str, list], text: str, unknown: str):
        text = text.strip()
        if not text:
            return None
        found = index.get(compact_key(text), [])
        if not found:
            raise CellError(unknown % {"value": text})
        if len(found) > 1:
            raise CellError(
                _("“%(value)s” is ambiguous: several entries bear this name.") % {"value": text}
            )
        return found[0]


class PeopleIndex:
    """The active directory by e-mail and by normalised name, to recognise people already in it."""

    def __init__(self):
        self.by_email: dict[str, int] = {}
        self.by_name: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for pk, email, name in Person.objects.active().values_list(
            "pk", "email", "normalised_name"
        ):
            if email:
                self.by_email[email.lower()] = pk
            self.by_name[name].append((pk, email))

    def match(self, *, first_name: str, last_name: str, email: str) -> int | None:
        """The id of the person this row describes, None for someone new.

        The e-mail decides when it is known. Otherwise the name does, but never against someone
        with another e-mail: two homonyms with their own addresses are two people. Raises
        CellError when several entries could be meant, rather than picking one at random.
        """
        if email and email in self.by_email:
            return self.by_email[email]
        namesakes = self.by_name.get(normalise_name(first_name, last_name), [])
        without_email = [pk for pk, their_email in namesakes if not their_email]
        candidates = without_email or ([] if email else [pk for pk, _e in namesakes])
        if len(candidates) > 1:
            raise CellError(
                _(
                    "Several people named %(name)s are already in the directory: add their "
                    "e-mail to say which one, or merge the duplicates first."
                )
                % {"name": f"{first_name} {last_name}"}
            )
        return candidates[0] if candidates else None


class OrganisationIndex:
    """Organisations by name or acronym, so that "ARDCI" and "Ardci" find the same one."""

    def __init__(self):
        self.by_key = _index_by_keys(Organisation.objects.all(), "name", "acronym")

    def find(self, name: str) -> Organisation | None:
        found = self.by_key.get(compact_key(name), [])
        return found[0] if found else None

    def add(self, organisation: Organisation) -> None:
        self.by_key[compact_key(organisation.name)].append(organisation)
