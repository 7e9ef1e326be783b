import pytest


@pytest.fixture(autouse=True)
def _jobs_in_process(settings):
    """Imports run in the test's process, whatever REDIS_URL the environment has."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
