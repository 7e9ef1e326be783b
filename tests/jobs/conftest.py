import pytest

from palabre import celery_app


def _forget_broker_connections() -> None:
    """Drop pooled connections so that the next message goes to the broker now configured
    (the same reset Celery does in a forked child process)."""
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def queue_to(settings):
    """`queue_to(url)`: this process sends jobs to that broker instead of running them itself."""
    previous = celery_app.conf.broker_url

    def configure(url: str) -> None:
        settings.CELERY_TASK_ALWAYS_EAGER = False
        celery_app.conf.broker_url = url
        _forget_broker_connections()

    yield configure
    celery_app.conf.broker_url = previous
    _forget_broker_connections()
