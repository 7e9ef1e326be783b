"""Meeting forms and filters. Times are typed in the venue's time zone, as the secretariat reads
them on the invitation, and turned into UTC here."""

import datetime
import zoneinfo
from functools import cache

import django_filters
from django import forms
from django.forms.models import fields_for_model, model_to_dict
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from ..models import DEFAULT_TIME_ZONE, Meeting, MeetingKind, MeetingMode

# The zones of the countries the spaces and their diaspora live in come first in the list.
COMMON_TIME_ZONES = [
    "Africa/Abidjan",
    "Africa/Bamako",
    "Africa/Dakar",
    "Africa/Ouagadougou",
    "Africa/Casablanca",
    "Europe/Paris",
    "Europe/Brussels",
    "Europe/Berlin",
    "Europe/Rome",
    "Europe/Madrid",
    "Europe/London",
    "America/New_York",
    "America/Toronto",
]

MEETING_FIELDS = [
    "title",
    "kind",
    "mode",
    "visibility",
    "venue",
    "city",
    "online_url",
    "capacity",
    "registration_open",
    "description",
    "learning_objectives",
]


@cache
def time_zone_choices() -> list:
    every_zone = sorted(
        zone
        for zone in zoneinfo.available_timezones()
        if "/" in zone and not zone.startswith(("Etc/", "posix/", "right/", "SystemV/"))
    )
    return [
        (_("Usual time zones"), [(zone, zone) for zone in COMMON_TIME_ZONES]),
        (_("All time zones"), [(zone, zone) for zone in [*every_zone, "UTC"]]),
    ]


class MeetingForm(forms.Form):
    """Create or edit a meeting; `meeting_fields()` gives what the services take."""

    time_zone = forms.ChoiceField(
        label=_("Venue time zone"),
        help_text=_("The date and times below are the venue's local time."),
        error_messages={"invalid_choice": _("Unknown time zone: %(value)s.")},
    )
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("End time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        help_text=_("Only for a meeting over several days."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, meeting: Meeting | None = None, usual_time_zone: str = "", **kwargs):
        if meeting is not None:
            kwargs["initial"] = {**self.initial_from(meeting), **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)
        model_fields = fields_for_model(
            Meeting, fields=MEETING_FIELDS, formfield_callback=self.formfield
        )
        self.fields = {
            **{name: model_fields[name] for name in MEETING_FIELDS[:4]},
            **self.fields,
            **{name: model_fields[name] for name in MEETING_FIELDS[4:]},
        }
        self.fields["time_zone"].choices = time_zone_choices()
        self.fields["time_zone"].initial = usual_time_zone or DEFAULT_TIME_ZONE
        self.fields["venue"].help_text = _("Required for a meeting in person or hybrid.")
        self.fields["online_url"].help_text = _("Required for a meeting online or hybrid.")

    @staticmethod
    def formfield(model_field, **kwargs):
        if model_field.name == "online_url":
            kwargs["assume_scheme"] = "https"
        return model_field.formfield(**kwargs)

    @staticmethod
    def initial_from(meeting: Meeting) -> dict:
        start = meeting.starts_at.astimezone(meeting.venue_zone)
        end = meeting.ends_at.astimezone(meeting.venue_zone)
        return {
            **model_to_dict(meeting, fields=MEETING_FIELDS),
            "time_zone": meeting.time_zone,
            "date": start.date(),
            "start_time": start.time(),
            "end_time": end.time(),
            "end_date": end.date() if end.date() != start.date() else None,
        }

    def _venue_moment(self, day, time, zone, field: str):
        moment = datetime.datetime.combine(day, time).replace(tzinfo=zone)
        # A time skipped when clocks go forward would silently shift by an hour.
        if moment.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None) != moment.replace(
            tzinfo=None
        ):
            self.add_error(field, _("This time does not exist in that zone (clocks change)."))
            return None
        return moment.astimezone(datetime.UTC)

    def clean(self):
        data = super().clean()
        zone_name, day = data.get("time_zone"), data.get("date")
        start_time, end_time = data.get("start_time"), data.get("end_time")
        if not (zone_name and day and start_time and end_time):
            return data
        zone = zoneinfo.ZoneInfo(zone_name)
        data["starts_at"] = self._venue_moment(day, start_time, zone, "start_time")
        data["ends_at"] = self._venue_moment(
            data.get("end_date") or day, end_time, zone, "end_time"
        )
        if data["starts_at"] and data["ends_at"] and data["ends_at"] <= data["starts_at"]:
            self.add_error("end_time", _("The end must be after the start."))
        return data

    def meeting_fields(self) -> dict:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in MEETING_FIELDS},
            "time_zone": data["time_zone"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
        }


class MeetingCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the registered people and shown on the meeting's page."),
    )


class Period:
    UPCOMING = "upcoming"
    PAST = "past"
    ALL = "all"
    CHOICES = [(UPCOMING, _("Upcoming")), (PAST, _("Past")), (ALL, _("All"))]


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class MeetingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search in titles"), method="search")
    period = django_filters.ChoiceFilter(
        label=_("Period"), choices=Period.CHOICES, method="in_period", empty_label=None
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=MeetingKind.choices)
    mode = django_filters.ChoiceFilter(label=_("Mode"), choices=MeetingMode.choices)
    year = YearFilter(label=_("Year"), method="in_year", min_value=2000, max_value=2100)
    month = django_filters.ChoiceFilter(label=_("Month"), method="in_month")
    space = django_filters.ChoiceFilter(label=_("Space"), method="in_space")

    def __init__(self, data=None, *args, spaces=None, **kwargs):
        # Upcoming meetings first unless the visitor chose another period.
        data = data.copy() if data is not None else {}
        data.setdefault("period", Period.UPCOMING)
        super().__init__(data, *args, **kwargs)
        self.filters["month"].extra["choices"] = list(MONTHS.items())
        if spaces is None:
            del self.filters["space"]
        else:
            self.filters["space"].extra["choices"] = [(space.slug, space.name) for space in spaces]

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(title__icontains=word)
        return queryset

    def in_period(self, queryset, name, value):
        now = timezone.now()
        if value == Period.UPCOMING:
            return queryset.filter(ends_at__gte=now).order_by("starts_at", "pk")
        if value == Period.PAST:
            return queryset.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
        return queryset.order_by("-starts_at", "-pk")

    # Django reads dates of a DateTimeField in the current time zone: the viewer's.
    def in_year(self, queryset, name, value):
        return queryset.filter(starts_at__year=value)

    def in_month(self, queryset, name, value):
        return queryset.filter(starts_at__month=value)

    def in_space(self, queryset, name, value):
        return queryset.filter(space__slug=value)
