"""In a real browser on a 360 px phone: the secretariat reads the dashboard and follows the share
of women down to the women it counts.

The screenshots (test-artifacts/indicators-*.png) are for a human to look at the pages.
"""

import pytest
from django.urls import reverse

from palabre.spaces.models import Role
from tests.accounts.factories import DEFAULT_PASSWORD
from tests.indicators.fixtures import ledger
from tests.indicators.test_dashboard import make_indicator
from tests.spaces.factories import member_user

from .test_secretariat_person import ARTIFACTS, TIMEOUT_MS, browser  # noqa: F401  (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_figure_opens_on_a_phone_down_to_the_people_it_counts(live_server, browser):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    book = ledger()
    make_indicator(book.committee, code="R1", dimensions=["gender", "mode"])
    secretary = member_user(book.committee, role=Role.SECRETARIAT)
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

    page.goto(live_server.url + reverse("indicators:dashboard", args=[book.committee.slug]))
    card = page.locator('[data-code="R1"]')
    assert card.locator("data").get_attribute("value") == "6"
    page.screenshot(path=ARTIFACTS / "indicators-dashboard-360.png", full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"The dashboard is {width}px wide on a 360px screen"

    card.locator("h3 a").tap()
    page.wait_for_url(lambda url: "/indicateurs/R1/" in url)
    women = page.locator("table").filter(has_text="Femme").locator("tr", has_text="Femme")
    women.locator("a").tap()
    page.wait_for_url(lambda url: "registres" in url)
    rows = page.locator("tbody tr")
    assert rows.count() == 2  # A and B: the two women among the six participants
    listed = page.locator("tbody").inner_text()
    assert all(book.people[key].last_name in listed for key in ("A", "B"))
    page.screenshot(path=ARTIFACTS / "indicators-records-360.png", full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"The records page is {width}px wide on a 360px screen"
    context.close()
