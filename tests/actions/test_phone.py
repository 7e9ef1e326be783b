"""In a real browser on a 360 px phone: a member follows the adopted plan (the timeline scrolls
sideways, the page does not), and the secretariat records progress with a photo as evidence.

Screenshots go to test-artifacts/ (action-plan-360.png), for a human to look at the page.
"""

import datetime

import pytest
from django.urls import reverse

from palabre.actions.models import ActionStatus, ProgressUpdate
from tests.accounts.factories import DEFAULT_PASSWORD
from tests.e2e.test_secretariat_person import ARTIFACTS, TIMEOUT_MS, browser  # noqa: F401
from tests.spaces.factories import SpaceFactory

from .factories import ActionFactory, ActionPlanFactory, adopt, days_ago, people_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


def log_in(page, base, user):
    page.goto(base + reverse("account_login"))
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(lambda url: reverse("account_login") not in url)


def test_following_and_updating_the_plan_on_a_phone(live_server, browser, tmp_path):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    space = SpaceFactory(name="Espace de concertation San-Pédro – Nawa – Cavally")
    people = people_of(space)
    plan = ActionPlanFactory(
        space=space,
        title="Plan d'action annuel",
        period_start=days_ago(200),
        period_end=days_ago(200) + datetime.timedelta(days=365),
    )
    for index in range(8):
        ActionFactory(
            plan=plan,
            title=f"Action de démonstration au libellé assez long n° {index + 1}",
            end_date=days_ago(10) if index % 3 == 0 else plan.period_end,
            progress=10 * index,
            status=ActionStatus.IN_PROGRESS,
        )
    adopt(plan, people)
    late = plan.actions.get(number=1)

    context = browser.new_context(
        locale="fr-FR", viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    log_in(page, live_server.url, people["secretariat"])

    page.goto(live_server.url + plan.get_absolute_url())
    page.screenshot(path=ARTIFACTS / "action-plan-360.png", full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"The plan page is {width}px wide on a 360px screen"
    scroller = page.locator(".timeline-wrap")
    assert scroller.evaluate("node => node.scrollWidth > node.clientWidth")
    # The late action is found with the filter (HTMX swaps the results).
    page.locator("#actions details summary").click()
    page.check("#id_late")
    page.wait_for_function("document.querySelectorAll('#action-results tbody tr').length === 3")

    page.goto(live_server.url + late.get_absolute_url())
    page.locator("a[href$='/avancement/']").click()
    page.fill("#id_progress", "100")
    page.select_option("#id_status", ActionStatus.DONE)
    page.fill("#id_text", "Le guichet est ouvert ; photo de l'inauguration jointe.")
    photo = tmp_path / "inauguration.png"
    photo.write_bytes(PNG)
    page.set_input_files("#id_evidence", str(photo))
    page.locator("form.plan-form button[type=submit]").click()
    page.wait_for_url(lambda url: url.endswith("#updates"))
    assert "inauguration.png" in page.content()
    page.screenshot(path=ARTIFACTS / "action-progress-360.png", full_page=True)
    context.close()

    update = ProgressUpdate.objects.get()
    late.refresh_from_db()
    assert (late.status, late.progress) == (ActionStatus.DONE, 100)
    assert update.evidence.name.endswith(".png")
