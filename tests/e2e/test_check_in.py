"""In a real browser on a 360 px phone: the secretariat checks a registered person in at the door.

The screenshot (test-artifacts/check-in-360.png) is for a human to look at the page as it is
used at the door.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from palabre.meetings.models import Attendance, AttendanceSource
from palabre.spaces.models import Role
from tests.accounts.factories import DEFAULT_PASSWORD
from tests.meetings.factories import MeetingFactory, RegistrationFactory
from tests.spaces.factories import SpaceFactory, member_user

from .test_secretariat_person import ARTIFACTS, TIMEOUT_MS, browser  # noqa: F401  (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_secretariat_checks_someone_in_on_a_phone(live_server, browser):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    space = SpaceFactory()
    secretary = member_user(space, role=Role.SECRETARIAT)
    meeting = MeetingFactory(space=space, starts_at=timezone.now() - datetime.timedelta(hours=1))
    aya = RegistrationFactory(
        meeting=meeting, person__first_name="Affoué", person__last_name="N'Guessan"
    ).person
    for last_name in ("Brou", "Konan", "Zadi"):
        RegistrationFactory(meeting=meeting, person__last_name=last_name)
    context = browser.new_context(
        locale="fr-FR", viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()

    page.goto(live_server.url + reverse("account_login"))
    page.fill("input[name=login]", secretary.email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(lambda url: reverse("account_login") not in url)

    page.goto(live_server.url + reverse("meetings:check_in", args=[space.slug, meeting.pk]))
    page.screenshot(path=ARTIFACTS / "check-in-360-list.png", full_page=True)
    # Typed as people do on a phone: no accent, no apostrophe, lower case.
    page.fill("#id_q", "nguessan")
    row = page.locator(f"#check-in-{aya.pk}")
    page.wait_for_function("document.querySelectorAll('.check-in-row').length === 1")
    assert "N'GUESSAN" in row.inner_text().upper()

    button = row.locator("button.check-in-button")
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44, f"The button is too small to tap: {box}"
    button.tap()

    done = page.locator(f"#check-in-{aya.pk} .check-in-done")
    done.wait_for()
    attendance = Attendance.objects.get(meeting=meeting, person=aya)
    time = timezone.localtime(attendance.checked_in_at).strftime("%H:%M")
    assert time in done.inner_text()
    assert attendance.source == AttendanceSource.CHECK_IN
    assert "1" in page.locator("#check-in-counter strong").inner_text()
    page.screenshot(path=ARTIFACTS / "check-in-360.png", full_page=True)

    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 360, f"The check-in page is {overflow}px wide on a 360px screen"
    context.close()
