"""Scheduling meetings, their lists, calendars and iCalendar feeds, in each viewer's time zone."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from palabre.audit.models import AuditEvent
from palabre.meetings.models import (
    FramingNote,
    Meeting,
    MeetingKind,
    MeetingMode,
    MeetingStatus,
    ParticipationMode,
    RegistrationStatus,
)
from palabre.meetings.selectors_meetings import places_left
from palabre.meetings.services.meetings import meeting_cancel
from palabre.notifications.models import Notification
from palabre.spaces.models import Role, Visibility
from palabre.workflow.models import State
from tests.accounts.factories import make_admin, make_user
from tests.queries import queries_for
from tests.spaces.factories import SpaceFactory, member_user

from .factories import MeetingFactory, MinutesFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def utc(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)


@pytest.fixture
def space():
    return SpaceFactory(name="Comité de suivi de San-Pédro", slug="comite-san-pedro")


@pytest.fixture
def secretariat(space):
    return member_user(space, role=Role.SECRETARIAT)


@pytest.fixture
def member(space):
    return member_user(space)


def form_data(**changes) -> dict:
    data = {
        "title": "Atelier d'échange avec la diaspora",
        "kind": MeetingKind.EXCHANGE_WORKSHOP,
        "mode": MeetingMode.HYBRID,
        "visibility": Visibility.PUBLIC,
        "time_zone": "Europe/Paris",
        "date": "2027-01-12",
        "start_time": "10:00",
        "end_time": "13:00",
        "end_date": "",
        "venue": "Maison des associations",
        "city": "Paris",
        "online_url": "https://visio.example.org/atelier",
        "capacity": "40",
        "registration_open": "on",
        "description": "Présenter les outils d'incitation à l'investissement.",
        "learning_objectives": "",
    }
    return {**data, **changes}


# Scheduling


def test_times_typed_in_the_venue_zone_are_stored_in_utc(client, space, secretariat):
    client.force_login(secretariat)

    response = client.post(reverse("meetings:create", args=[space.slug]), form_data())

    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    # 10:00 in Paris in January (UTC+1) is 09:00 UTC.
    assert (meeting.starts_at, meeting.ends_at) == (utc(2027, 1, 12, 9), utc(2027, 1, 12, 12))
    assert meeting.time_zone == "Europe/Paris" and meeting.created_by == secretariat
    assert FramingNote.objects.get(meeting=meeting).workflow_state == State.DRAFT
    assert AuditEvent.objects.filter(action="meeting.create", object_id=str(meeting.pk)).exists()


def test_summer_time_and_meetings_over_several_days_are_converted_too(client, space, secretariat):
    client.force_login(secretariat)

    client.post(
        reverse("meetings:create", args=[space.slug]),
        form_data(date="2027-07-05", end_date="2027-07-07", start_time="09:00", end_time="17:00"),
    )

    meeting = Meeting.objects.get()
    assert (meeting.starts_at, meeting.ends_at) == (utc(2027, 7, 5, 7), utc(2027, 7, 7, 15))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start_time": "14:00", "end_time": "13:00"}, "The end must be after the start."),
        ({"mode": MeetingMode.IN_PERSON, "venue": ""}, "Give the venue of a meeting held in"),
        ({"mode": MeetingMode.ONLINE, "online_url": ""}, "Give the online link of a meeting"),
        ({"time_zone": "Africa/Atlantis"}, "Unknown time zone: Africa/Atlantis."),
        # Clocks in Paris jump from 02:00 to 03:00 on the last Sunday of March.
        ({"date": "2027-03-28", "start_time": "02:30"}, "This time does not exist in that zone"),
    ],
    ids=["end-before-start", "in-person-without-venue", "online-without-link", "zone", "dst-gap"],
)
def test_a_refused_meeting_says_why_and_stores_nothing(
    client, space, secretariat, changes, message
):
    client.force_login(secretariat)

    response = client.post(reverse("meetings:create", args=[space.slug]), form_data(**changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Meeting.objects.exists() and not AuditEvent.objects.exists()


def test_the_form_proposes_the_zone_the_space_usually_meets_in(client, space, secretariat):
    client.force_login(secretariat)
    url = reverse("meetings:create", args=[space.slug])
    assert client.get(url).context["form"]["time_zone"].value() == "Africa/Abidjan"

    MeetingFactory(space=space, time_zone="Africa/Dakar")

    assert client.get(url).context["form"]["time_zone"].value() == "Africa/Dakar"


def test_editing_shows_the_venue_times_and_records_what_changed(client, space, secretariat):
    meeting = MeetingFactory(
        space=space,
        time_zone="America/Toronto",
        starts_at=utc(2027, 2, 1, 14),
        ends_at=utc(2027, 2, 1, 16),
    )
    client.force_login(secretariat)
    url = reverse("meetings:update", args=[space.slug, meeting.pk])

    form = client.get(url).context["form"]
    assert (form["start_time"].value(), form["end_time"].value()) == (
        datetime.time(9),
        datetime.time(11),
    )  # Toronto is UTC-5 in February

    data = form_data(
        title=meeting.title,
        mode=MeetingMode.IN_PERSON,
        time_zone="America/Toronto",
        date="2027-02-01",
        start_time="10:00",
        end_time="12:00",
    )
    assert client.post(url, data).status_code == 302

    meeting.refresh_from_db()
    assert meeting.starts_at == utc(2027, 2, 1, 15)
    event = AuditEvent.objects.get(action="meeting.update")
    assert "starts_at" in event.changes and "title" not in event.changes


@pytest.mark.parametrize("name", ["create", "update", "cancel"])
def test_a_member_may_not_schedule_edit_or_cancel(client, space, member, name):
    meeting = MeetingFactory(space=space, title="Réunion inchangée")
    args = [space.slug] if name == "create" else [space.slug, meeting.pk]
    client.force_login(member)

    response = client.post(reverse(f"meetings:{name}", args=args), {**form_data(), "reason": "x"})

    assert response.status_code == 403
    meeting.refresh_from_db()
    assert Meeting.objects.count() == 1
    assert meeting.title == "Réunion inchangée" and meeting.status == MeetingStatus.SCHEDULED
    assert not AuditEvent.objects.exists()


# Cancelling


def test_cancelling_tells_the_registered_people_with_or_without_an_account(
    client, space, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(space=space, title="Atelier thématique sur l'agriculture")
    user = make_user(email="awa.kone@example.org")
    RegistrationFactory(meeting=meeting, person__user=user, person__email=user.email)
    RegistrationFactory(meeting=meeting, person__email="yao.brou@example.org")
    RegistrationFactory(
        meeting=meeting, person__email="waiting@example.org", status=RegistrationStatus.WAITLISTED
    )
    RegistrationFactory(
        meeting=meeting, person__email="gone@example.org", status=RegistrationStatus.CANCELLED
    )
    client.force_login(secretariat)
    url = reverse("meetings:cancel", args=[space.slug, meeting.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Route coupée par les pluies."})

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert meeting.cancellation_reason == "Route coupée par les pluies."
    notification = Notification.objects.get(recipient=user)
    assert meeting.title in notification.subject
    assert "Route coupée par les pluies." in notification.body
    assert sorted(address for m in mailoutbox for address in m.to) == [
        "awa.kone@example.org",
        "waiting@example.org",
        "yao.brou@example.org",
    ]
    to_outsider = next(m for m in mailoutbox if m.to == ["yao.brou@example.org"])
    assert meeting.title in to_outsider.subject
    assert meeting.get_absolute_url() in to_outsider.body
    event = AuditEvent.objects.get(action="meeting.cancel")
    assert event.note == "Route coupée par les pluies."


def test_a_cancelled_meeting_stays_visible_marked_and_can_no_longer_be_edited(
    client, space, secretariat
):
    meeting = MeetingFactory(space=space, visibility=Visibility.PUBLIC)
    meeting_cancel(meeting=meeting, actor=secretariat, reason="Salle indisponible.")
    client.force_login(secretariat)

    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "This meeting is cancelled." in page and "Salle indisponible." in page
    listing = client.get(reverse("meetings:space_list", args=[space.slug])).content.decode()
    assert meeting.title in listing and "badge-cancelled" in listing

    url = reverse("meetings:update", args=[space.slug, meeting.pk])
    response = client.post(url, form_data(title="Autre titre"), follow=True)
    assert "it can no longer be changed" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.title != "Autre titre"


def test_cancelling_needs_a_reason(client, space, secretariat):
    meeting = MeetingFactory(space=space)
    client.force_login(secretariat)

    response = client.post(
        reverse("meetings:cancel", args=[space.slug, meeting.pk]), {"reason": " "}
    )

    assert response.status_code == 200 and "This field is required." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED


def test_a_past_meeting_cannot_be_cancelled(client, space, secretariat):
    meeting = MeetingFactory(space=space, starts_at=in_days(-3))
    client.force_login(secretariat)

    response = client.post(
        reverse("meetings:cancel", args=[space.slug, meeting.pk]), {"reason": "Trop tard."}
    )

    assert "already taken place" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED


# Times for each viewer


def render_times(meeting, zone: str, tag: str = "{% meeting_times meeting %}") -> str:
    template = Template("{% load meeting_tags %}" + tag)
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        return template.render(Context({"meeting": meeting}))


def test_a_viewer_in_toronto_sees_their_time_and_the_venue_time_in_abidjan():
    meeting = MeetingFactory.build(
        starts_at=utc(2026, 12, 3, 9), ends_at=utc(2026, 12, 3, 12), time_zone="Africa/Abidjan"
    )

    html = render_times(meeting, "America/Toronto")

    assert "Thursday 3 December 2026, 04:00–07:00</time> (EST)" in html
    assert "— 09:00–12:00 venue time (Africa/Abidjan)" in html
    assert '<time datetime="2026-12-03T09:00:00+00:00">' in html


def test_a_viewer_on_the_venue_clock_sees_one_time_only():
    meeting = MeetingFactory.build(
        starts_at=utc(2026, 12, 3, 9), ends_at=utc(2026, 12, 3, 12), time_zone="Africa/Abidjan"
    )

    html = render_times(meeting, "Africa/Dakar")  # another name, the same clock

    assert "Thursday 3 December 2026, 09:00–12:00</time> (GMT)" in html
    assert "venue time" not in html


def test_the_venue_time_carries_its_date_when_the_day_differs():
    meeting = MeetingFactory.build(
        starts_at=utc(2026, 12, 3, 23), ends_at=utc(2026, 12, 4, 1), time_zone="Asia/Dubai"
    )

    html = render_times(meeting, "Africa/Abidjan")

    assert "Friday 4 December 2026, 03:00–05:00 venue time (Asia/Dubai)" in html


def test_the_meeting_page_shows_times_in_the_viewer_zone(client, space):
    meeting = MeetingFactory(
        space=space,
        visibility=Visibility.PUBLIC,
        starts_at=utc(2027, 1, 12, 9),
        ends_at=utc(2027, 1, 12, 12),
        time_zone="Africa/Abidjan",
    )
    client.force_login(make_user(time_zone="America/Toronto"))

    page = client.get(meeting.get_absolute_url()).content.decode()

    assert "04:00–07:00</time> (EST)" in page and "09:00–12:00 venue time" in page


# The meeting page


def test_the_online_link_is_for_those_expected_at_the_meeting(client, space, member):
    meeting = MeetingFactory(
        space=space,
        visibility=Visibility.PUBLIC,
        mode=MeetingMode.HYBRID,
        online_url="https://visio.example.org/comite",
    )
    outsider = make_user()
    registered = make_user()
    RegistrationFactory(meeting=meeting, person__user=registered, mode=ParticipationMode.ONLINE)

    for user, shown in [(None, False), (outsider, False), (member, True), (registered, True)]:
        client.logout()
        if user:
            client.force_login(user)
        page = client.get(meeting.get_absolute_url()).content.decode()
        assert ("https://visio.example.org/comite" in page) is shown, user
        assert ("The online link is sent on registration." in page) is not shown


def test_places_left_count_the_registered_people_in_the_room(client, space):
    meeting = MeetingFactory(
        space=space,
        visibility=Visibility.PUBLIC,
        capacity=4,
        mode=MeetingMode.HYBRID,
        online_url="https://visio.example.org/comite",
    )
    RegistrationFactory(meeting=meeting)
    RegistrationFactory(meeting=meeting, mode=ParticipationMode.ONLINE)
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.WAITLISTED)
    RegistrationFactory(meeting=meeting, status=RegistrationStatus.CANCELLED)

    assert places_left(meeting) == 3
    assert "4 places in the room" in client.get(meeting.get_absolute_url()).content.decode()
    assert places_left(MeetingFactory(capacity=None)) is None


def test_learning_objectives_show_for_trainings(client, space):
    training = MeetingFactory(
        space=space,
        visibility=Visibility.PUBLIC,
        kind=MeetingKind.TRAINING,
        learning_objectives="Monter un dossier de financement\nConnaître les guichets",
    )

    page = client.get(training.get_absolute_url()).content.decode()

    assert "<li>Monter un dossier de financement</li>" in page
    assert "<li>Connaître les guichets</li>" in page


def test_the_secretariat_finds_edit_and_cancel_links_and_a_member_does_not(
    client, space, secretariat, member
):
    meeting = MeetingFactory(space=space)
    edit = reverse("meetings:update", args=[space.slug, meeting.pk])
    client.force_login(member)
    assert edit not in client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(secretariat)
    assert edit in client.get(meeting.get_absolute_url()).content.decode()


def test_one_meeting_downloads_as_ics(client, space):
    meeting = MeetingFactory(space=space, visibility=Visibility.PUBLIC)

    response = client.get(reverse("meetings:ics", args=[space.slug, meeting.pk]))

    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == [meeting.title]


def test_the_space_page_lists_the_next_meetings(client, space):
    soon = MeetingFactory(space=space, visibility=Visibility.PUBLIC, starts_at=in_days(2))
    later = MeetingFactory(space=space, visibility=Visibility.PUBLIC, starts_at=in_days(9))
    past = MeetingFactory(space=space, visibility=Visibility.PUBLIC, starts_at=in_days(-9))
    hidden = MeetingFactory(space=space, visibility=Visibility.MEMBERS, starts_at=in_days(3))

    page = client.get(space.get_absolute_url()).content.decode()

    assert page.index(soon.title) < page.index(later.title)
    assert past.title not in page and hidden.title not in page


# Lists


def titles(response) -> list[str]:
    return [meeting.title for meeting in response.context["meetings"]]


def test_the_space_list_shows_upcoming_meetings_first_then_the_past_on_request(client, space):
    far = MeetingFactory(space=space, title="Dans trois semaines", starts_at=in_days(21))
    near = MeetingFactory(space=space, title="Dans deux jours", starts_at=in_days(2))
    old = MeetingFactory(space=space, title="Le mois dernier", starts_at=in_days(-30))
    recent = MeetingFactory(space=space, title="La semaine dernière", starts_at=in_days(-7))
    client.force_login(member_user(space))
    url = reverse("meetings:space_list", args=[space.slug])

    assert titles(client.get(url)) == [near.title, far.title]
    assert titles(client.get(url, {"period": "past"})) == [recent.title, old.title]
    assert len(titles(client.get(url, {"period": "all"}))) == 4


def test_the_list_filters_by_kind_mode_month_and_title(client, space):
    committee = MeetingFactory(
        space=space, title="Comité de pilotage", starts_at=utc(2027, 3, 10, 9)
    )
    training = MeetingFactory(
        space=space,
        title="Formation au montage de projets",
        kind=MeetingKind.TRAINING,
        mode=MeetingMode.ONLINE,
        online_url="https://visio.example.org/formation",
        starts_at=utc(2027, 4, 10, 9),
    )
    client.force_login(member_user(space))
    url = reverse("meetings:space_list", args=[space.slug])

    assert titles(client.get(url, {"kind": MeetingKind.TRAINING})) == [training.title]
    assert titles(client.get(url, {"mode": MeetingMode.IN_PERSON})) == [committee.title]
    assert titles(client.get(url, {"year": "2027", "month": "3"})) == [committee.title]
    assert titles(client.get(url, {"q": "montage projets"})) == [training.title]


def test_the_month_filter_reads_dates_in_the_viewer_zone(client, space):
    # 31 March 23:30 UTC is already 1 April in Dubai.
    meeting = MeetingFactory(
        space=space, starts_at=utc(2027, 3, 31, 23, 30), ends_at=utc(2027, 4, 1, 1)
    )
    url = reverse("meetings:space_list", args=[space.slug])
    client.force_login(member_user(space))
    assert titles(client.get(url, {"year": "2027", "month": "3"})) == [meeting.title]

    dubai = member_user(space)
    dubai.time_zone = "Asia/Dubai"
    dubai.save()
    client.force_login(dubai)
    assert titles(client.get(url, {"year": "2027", "month": "3"})) == []
    assert titles(client.get(url, {"year": "2027", "month": "4"})) == [meeting.title]


def test_the_site_list_gathers_every_space_the_visitor_may_see(client, space):
    other = SpaceFactory(name="Espace de concertation de la Nawa")
    private = SpaceFactory(visibility=Visibility.MEMBERS)
    ours = MeetingFactory(space=space, visibility=Visibility.PUBLIC)
    theirs = MeetingFactory(space=other, visibility=Visibility.PUBLIC)
    members_only = MeetingFactory(space=other, visibility=Visibility.MEMBERS)
    secret = MeetingFactory(space=private, visibility=Visibility.PUBLIC)
    url = reverse("meetings:list")

    assert sorted(titles(client.get(url))) == sorted([ours.title, theirs.title])
    assert titles(client.get(url, {"space": other.slug})) == [theirs.title]
    client.force_login(member_user(other))
    assert sorted(titles(client.get(url))) == sorted([ours.title, theirs.title, members_only.title])
    assert secret.title not in client.get(url).content.decode()


def test_the_list_marks_meetings_whose_minutes_are_published(client, space):
    minutes = MinutesFactory(meeting__space=space, published_at=timezone.now())
    client.force_login(member_user(space))

    response = client.get(reverse("meetings:space_list", args=[space.slug]), {"period": "past"})

    assert minutes.meeting.title in response.content.decode()
    assert "Minutes published" in response.content.decode()


def test_filtering_with_htmx_returns_only_the_results(client, space):
    MeetingFactory(space=space, visibility=Visibility.PUBLIC)

    response = client.get(
        reverse("meetings:space_list", args=[space.slug]), headers={"HX-Request": "true"}
    )

    assert response.content.decode().lstrip().startswith('<div id="meeting-results">')


# Visibility


def test_the_meetings_of_a_members_only_space_are_hidden_from_outsiders(client):
    private = SpaceFactory(visibility=Visibility.MEMBERS)
    meeting = MeetingFactory(space=private)
    client.force_login(make_user())

    for url in [
        reverse("meetings:space_list", args=[private.slug]),
        reverse("meetings:space_calendar", args=[private.slug]),
        reverse("meetings:space_feed", args=[private.slug]),
        meeting.get_absolute_url(),
        reverse("meetings:ics", args=[private.slug, meeting.pk]),
    ]:
        assert client.get(url).status_code == 404, url


def test_a_members_meeting_is_hidden_from_the_member_of_another_space(client, space):
    meeting = MeetingFactory(space=space, visibility=Visibility.MEMBERS)
    client.force_login(member_user(SpaceFactory()))

    assert client.get(meeting.get_absolute_url()).status_code == 404
    response = client.get(reverse("meetings:space_list", args=[space.slug]))
    assert response.status_code == 200 and meeting.title not in response.content.decode()


# Calendar


def meetings_on(response, day: datetime.date) -> list[str]:
    month = response.context["month"]
    found = [d for week in month.weeks for d in week if d.date == day]
    return [meeting.title for meeting in found[0].meetings]


def test_the_calendar_puts_a_meeting_on_the_day_of_the_viewer(client, space):
    # 14 March 2027, 22:00–23:30 UTC: still the 14th in Abidjan, already the 15th in Dubai.
    meeting = MeetingFactory(
        space=space,
        visibility=Visibility.PUBLIC,
        starts_at=utc(2027, 3, 14, 22),
        ends_at=utc(2027, 3, 14, 23, 30),
    )
    url = reverse("meetings:space_calendar", args=[space.slug])

    in_abidjan = client.get(url, {"mois": "2027-03"})
    assert meetings_on(in_abidjan, datetime.date(2027, 3, 14)) == [meeting.title]
    assert meetings_on(in_abidjan, datetime.date(2027, 3, 15)) == []

    client.force_login(make_user(time_zone="Asia/Dubai"))
    in_dubai = client.get(url, {"mois": "2027-03"})
    assert meetings_on(in_dubai, datetime.date(2027, 3, 14)) == []
    assert meetings_on(in_dubai, datetime.date(2027, 3, 15)) == [meeting.title]
    assert "02:00 " + meeting.title in in_dubai.content.decode()


def test_the_calendar_is_a_month_of_weeks_starting_on_monday(client):
    response = client.get(reverse("meetings:calendar"), {"mois": "2027-03"})

    month = response.context["month"]
    assert month.weeks[0][0].date == datetime.date(2027, 3, 1)  # a Monday
    assert all(len(week) == 7 and week[0].date.weekday() == 0 for week in month.weeks)
    page = response.content.decode()
    assert "?mois=2027-02" in page and "?mois=2027-04" in page


def test_the_calendar_highlights_today_and_shows_multi_day_meetings_each_day(client, space):
    today = timezone.localdate()
    start = datetime.datetime.combine(today, datetime.time(8), tzinfo=UTC)
    meeting = MeetingFactory(
        space=space,
        visibility=Visibility.PUBLIC,
        kind=MeetingKind.FIELD_VISIT,
        starts_at=start,
        ends_at=start + datetime.timedelta(days=1, hours=8),
    )

    response = client.get(reverse("meetings:calendar"))

    assert 'aria-current="date"' in response.content.decode()
    assert meetings_on(response, today) == [meeting.title]
    tomorrow = today + datetime.timedelta(days=1)
    if tomorrow.month == today.month:
        assert meetings_on(response, tomorrow) == [meeting.title]


def test_a_malformed_month_falls_back_to_this_month(client):
    response = client.get(reverse("meetings:calendar"), {"mois": "2027-13"})

    assert response.status_code == 200
    assert response.context["month"].first == timezone.localdate().replace(day=1)


# The iCalendar feed


def test_the_feed_of_a_space_gives_anonymous_visitors_the_public_meetings(client, space, member):
    public = MeetingFactory(space=space, visibility=Visibility.PUBLIC, title="Forum de la diaspora")
    members_only = MeetingFactory(space=space, title="Réunion interne du comité")
    MeetingFactory(space=space, visibility=Visibility.PUBLIC, starts_at=in_days(-400))
    url = reverse("meetings:space_feed", args=[space.slug])

    response = client.get(url)

    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == [public.title]

    client.force_login(member)
    events = Calendar.from_ical(client.get(url).content).walk("VEVENT")
    assert sorted(str(event["summary"]) for event in events) == sorted(
        [public.title, members_only.title]
    )


# Queries


def add_meetings(space, count: int) -> None:
    for number in range(count):
        MeetingFactory(
            space=space,
            visibility=Visibility.PUBLIC if number % 2 else Visibility.MEMBERS,
            starts_at=utc(2027, 3, 1 + number % 28, 8 + number % 10),
        )
    MinutesFactory(meeting__space=space, published_at=timezone.now())


@pytest.mark.parametrize(
    "name", ["meetings:space_list", "meetings:list", "meetings:space_calendar", "meetings:calendar"]
)
def test_lists_and_calendars_cost_the_same_queries_with_3_or_30_meetings(client, name):
    def count(meetings: int) -> int:
        space = SpaceFactory()
        add_meetings(space, meetings)
        client.force_login(member_user(space))
        url = reverse(name, args=[space.slug] if name.startswith("meetings:space") else [])
        return queries_for(client, f"{url}?period=all&mois=2027-03")

    assert count(3) == count(30)


def test_the_admin_sees_every_meeting(client):
    secret = MeetingFactory(space=SpaceFactory(visibility=Visibility.MEMBERS))
    client.force_login(make_admin())

    assert secret.title in client.get(reverse("meetings:list")).content.decode()


def test_a_meeting_held_offers_no_cancellation_any_more(client):
    space = SpaceFactory()
    secretariat = member_user(space, role=Role.SECRETARIAT)
    held = MeetingFactory(space=space, starts_at=in_days(-2))
    ahead = MeetingFactory(space=space, starts_at=in_days(5))
    for meeting in (held, ahead):
        RegistrationFactory(meeting=meeting, person=secretariat.person)
    client.force_login(secretariat)

    held_page = client.get(held.get_absolute_url()).content.decode()
    ahead_page = client.get(ahead.get_absolute_url()).content.decode()

    assert "Cancel the meeting" in ahead_page and "Cancel my registration" in ahead_page
    assert "Cancel the meeting" not in held_page and "Cancel my registration" not in held_page
