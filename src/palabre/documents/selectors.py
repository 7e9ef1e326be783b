from django.db.models import QuerySet

from palabre.core.rules import is_site_admin
from palabre.spaces.rules import MANAGING_ROLES
from palabre.spaces.selectors import roles_of

from .models import IssuedDocument


def documents_visible_to(user) -> QuerySet[IssuedDocument]:
    """The whole archive for site administrators; a secretariat sees its spaces' documents."""
    documents = IssuedDocument.objects.select_related("space", "approved_by")
    if is_site_admin.test(user):
        return documents
    managed = [space_id for space_id, roles in roles_of(user).items() if roles & MANAGING_ROLES]
    return documents.filter(space__in=managed)


def document_with_checksum(sha256: str) -> IssuedDocument | None:
    return IssuedDocument.objects.filter(sha256=sha256.strip().lower()).first()
