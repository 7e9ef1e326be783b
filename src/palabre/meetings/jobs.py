"""The meetings' long work, run by the task layer (in a worker when Redis is configured).

Each part of a meeting's life registers its jobs in its own module; importing them here is what
makes the task layer find them (it autodiscovers `jobs` modules only)."""

from . import attendance_import  # noqa: F401  (meetings.import_attendance)
