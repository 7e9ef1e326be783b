"""Everyone signed in has notifications; the views only ever show a user their own."""

import rules

from palabre.core.rules import is_authenticated

rules.add_perm("notifications.view_own", is_authenticated)
rules.add_perm("notifications.change_own_preferences", is_authenticated)
