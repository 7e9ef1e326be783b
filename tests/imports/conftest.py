import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english(settings, client):
    """Messages are checked in English, French being the default once its catalogue is filled;
    jobs run in the test's process."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
