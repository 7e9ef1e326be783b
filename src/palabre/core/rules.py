"""Predicates shared by every app's rules.py."""

import rules

is_authenticated = rules.is_authenticated
is_site_admin = rules.is_superuser | rules.is_staff

rules.add_perm("core.view_jobs", is_authenticated)
