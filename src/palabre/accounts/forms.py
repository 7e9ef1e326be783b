import functools
import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import User

# Where the platform's users live: the three regions, the diaspora's main countries, the partners.
COMMON_TIME_ZONES = [
    "Africa/Abidjan",
    "Europe/Paris",
    "Europe/Rome",
    "America/New_York",
    "America/Toronto",
    "Africa/Ouagadougou",
    "Africa/Casablanca",
    "Africa/Bamako",
    "Africa/Dakar",
]


def _label(zone: str) -> str:
    return zone.replace("_", " ")


# Only the geographic zones: "Etc/GMT+3" and legacy aliases (US/Eastern, posixrules...) confuse.
_CONTINENTS = {
    "Africa",
    "America",
    "Antarctica",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
}


@functools.cache
def _other_time_zones() -> tuple[tuple[str, str], ...]:
    zones = sorted(
        zone
        for zone in zoneinfo.available_timezones()
        if zone.split("/")[0] in _CONTINENTS and "/" in zone and zone not in COMMON_TIME_ZONES
    )
    return tuple((zone, _label(zone)) for zone in zones) + (("UTC", "UTC"),)


def time_zone_choices():
    return [
        ("", _("The platform's time zone")),
        (_("Common"), [(zone, _label(zone)) for zone in COMMON_TIME_ZONES]),
        (_("All time zones"), list(_other_time_zones())),
    ]


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        choices=time_zone_choices,
        help_text=_("Dates and times of meetings are shown in this time zone."),
    )
    # Each language named in itself, so that someone lost in the wrong one finds theirs.
    language = forms.ChoiceField(
        label=_("Preferred language"), choices=User._meta.get_field("language").choices
    )

    class Meta:
        model = User
        fields = ["full_name", "time_zone", "language"]
        labels = {"full_name": _("Full name")}
