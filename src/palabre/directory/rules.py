"""The directory holds personal data: members may consult it, the secretariat manages it."""

import rules

from palabre.core.rules import is_site_admin
from palabre.spaces.rules import is_member_of_any_space, is_secretariat_of_any_space

can_consult = is_member_of_any_space | is_site_admin
can_manage = is_secretariat_of_any_space | is_site_admin

rules.add_perm("directory.view_person", can_consult)
rules.add_perm("directory.view_organisation", can_consult)
rules.add_perm("directory.add_person", can_manage)
rules.add_perm("directory.change_person", can_manage)
rules.add_perm("directory.merge_person", can_manage)
rules.add_perm("directory.export_people", can_manage)
rules.add_perm("directory.import_people", can_manage)
rules.add_perm("directory.view_contact_details", can_manage)
rules.add_perm("directory.add_organisation", can_manage)
rules.add_perm("directory.change_organisation", can_manage)
rules.add_perm("accounts.invite_person", can_manage)
