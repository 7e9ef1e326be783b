"""Work that belongs to the task layer itself."""

import os
import socket
import time

from .registry import register_job
from .services import job_attach_file, job_progress

SELFTEST_MAX_STEPS = 100


@register_job("jobs.selftest")
def selftest(job, *, steps: int = 5, delay: float = 0.0) -> dict:
    """Counts to `steps`, reporting progress: proves a worker takes jobs and reports back.

    The result names the process that ran it, so an administrator (or a test) can tell a real
    worker from the web process, and a small report file proves workers can write results.
    """
    steps = max(1, min(int(steps), SELFTEST_MAX_STEPS))
    for done in range(1, steps + 1):
        if delay:
            time.sleep(float(delay))
        job_progress(job, done, steps)
    host, pid = socket.gethostname(), os.getpid()
    job_attach_file(
        job, f"selftest-{job.pk}.txt", f"steps={steps}\nhost={host}\npid={pid}\n".encode()
    )
    return {"steps": steps, "host": host, "pid": pid}
