"""Palabre: a lasting concertation space between a territory and its diaspora."""

from .celery import app as celery_app

__all__ = ["celery_app"]
