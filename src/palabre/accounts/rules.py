"""Account permissions. `accounts.invite_person` lives in directory/rules.py beside the people it
concerns (secretariat of any space or site administrator)."""

import rules

from palabre.core.rules import is_authenticated

rules.add_perm("accounts.change_own_profile", is_authenticated)
