"""In a real browser: the secretariat records a person and finds them again by searching.

Runs Debian's chromium (`make test` installs it). Screenshots go to test-artifacts/, for a human
to look at the pages, including the people list on a 360 px wide phone.
"""

from pathlib import Path

import pytest
from django.urls import reverse

from palabre.directory.models import Person
from palabre.spaces.models import Role
from tests.accounts.factories import DEFAULT_PASSWORD
from tests.spaces.factories import SpaceFactory, member_user

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TIMEOUT_MS = 15_000

# serialized_rollback: the flush after a transactional test would wipe the countries that a
# migration loads, for the tests that follow.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def browser(monkeypatch):
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser test needs Debian's chromium "
            "(`make test` installs it, or: apt-get install chromium)."
        )
    # Playwright's sync API runs an event loop in this thread; Django's ORM refuses to be called
    # from such a thread unless told that this test knows what it does.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_the_secretariat_creates_a_person_and_finds_them_by_search(live_server, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    secretary = member_user(SpaceFactory(), role=Role.SECRETARIAT)
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()

    # Log in through the real form.
    page.goto(live_server.url + reverse("account_login"))
    page.fill("input[name=login]", secretary.email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(lambda url: reverse("account_login") not in url)

    # Directory → New person → fill in the form → save.
    page.click(f"header a[href='{reverse('directory:person_list')}']")
    page.click(f"main a[href='{reverse('directory:person_create')}']")
    page.fill("#id_first_name", "Adjoua")
    page.fill("#id_last_name", "Testbrou")
    page.fill("#id_email", "adjoua.testbrou@example.org")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_url(lambda url: reverse("directory:person_create") not in url)
    person = Person.objects.get(email="adjoua.testbrou@example.org")
    assert (person.first_name, person.last_name) == ("Adjoua", "Testbrou")

    # Back to the list: searching for the name finds the new entry.
    page.goto(live_server.url + reverse("directory:person_list"))
    page.fill("#id_q", "testbrou")
    page.press("#id_q", "Enter")
    page.wait_for_url("**q=testbrou**")
    result = page.locator(f"main table a[href='{person.get_absolute_url()}']")
    assert result.count() == 1
    assert "Testbrou" in result.inner_text()
    page.screenshot(path=ARTIFACTS / "secretariat-person.png", full_page=True)

    # The same list on a 360 px wide phone, for a human to check.
    phone = browser.new_context(
        storage_state=context.storage_state(),
        locale="fr-FR",
        viewport={"width": 360, "height": 740},
    )
    phone_page = phone.new_page()
    phone_page.goto(live_server.url + reverse("directory:person_list") + "?q=testbrou")
    phone_page.screenshot(path=ARTIFACTS / "people-list-360px.png", full_page=True)
    # Nothing may stick out sideways: a phone user should never have to scroll horizontally.
    overflow = phone_page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= 360, f"The people list is {overflow}px wide on a 360px screen"
    phone.close()
    context.close()
