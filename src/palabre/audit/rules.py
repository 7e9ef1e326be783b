"""The audit log shows every change to personal records: site administrators only."""

import rules

from palabre.core.rules import is_site_admin

rules.add_perm("audit.view_auditevent", is_site_admin)
