"""Who sees the archive of issued documents. Verifying a checksum is open to everyone."""

import rules

from palabre.core.rules import is_site_admin
from palabre.spaces.rules import is_secretariat_of_any_space, is_space_secretariat


@rules.predicate
def is_secretariat_of_document_space(user, document) -> bool:
    return document is not None and is_space_secretariat(user, document.space)


rules.add_perm("documents.view_archive", is_site_admin | is_secretariat_of_any_space)
rules.add_perm("documents.download_document", is_site_admin | is_secretariat_of_document_space)
