"""Job functions register here under a name; the task layer looks them up to run them."""

from collections.abc import Callable

_JOBS: dict[str, Callable] = {}


class UnknownJobError(LookupError):
    """No function is registered under this name: a typo, or an app missing from INSTALLED_APPS."""


def register_job(name: str):
    """Decorator: `@register_job("directory.import_people")` on `def run(job, **params)`.

    The function reports progress with `job_progress(job, done, total)` from jobs.services and
    returns a JSON-serialisable dict stored as the job's result; raising marks the job failed.
    """

    def decorator(func: Callable) -> Callable:
        _JOBS[name] = func
        return func

    return decorator


def job_function(name: str) -> Callable:
    try:
        return _JOBS[name]
    except KeyError:
        raise UnknownJobError(f"No job is registered under the name {name!r}.") from None
