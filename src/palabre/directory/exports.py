"""The columns of the directory export; the file itself is written by core.exports."""

from django.utils.translation import gettext_lazy as _

PEOPLE_HEADERS = [
    _("No."),
    _("Last name"),
    _("First name"),
    _("Gender"),
    _("E-mail"),
    _("Phone"),
    _("Organisation"),
    _("Kind of organisation"),
    _("Position"),
    _("Country of residence"),
    _("City of residence"),
    _("Region of attachment"),
    _("Diaspora"),
    _("Sectors"),
    _("Languages"),
]


def _yes_no(value: bool | None) -> str:
    return "" if value is None else str(_("yes") if value else _("no"))


# Rows are read from the database by chunks while the file is sent: each chunk costs the same
# few queries (people, their sectors, their languages), whatever the size of the directory.
EXPORT_CHUNK = 2000


def people_rows(people):
    """One row per person, lazily; `people` comes with its sectors and languages prefetched."""
    return (
        [
            person.pk,
            person.last_name,
            person.first_name,
            person.get_gender_display(),
            person.email,
            person.phone,
            person.organisation.name if person.organisation else "",
            person.organisation.get_kind_display() if person.organisation else "",
            person.position,
            person.country_of_residence.name if person.country_of_residence else "",
            person.city_of_residence,
            person.region_of_attachment.name if person.region_of_attachment else "",
            _yes_no(person.is_diaspora),
            ", ".join(sector.name for sector in person.sectors.all()),
            ", ".join(language.name for language in person.languages.all()),
        ]
        for person in people.iterator(chunk_size=EXPORT_CHUNK)
    )
