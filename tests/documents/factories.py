"""Issued documents for tests, made through the real service from the sample template."""

import io

from django.core.files.base import ContentFile
from PIL import Image

from palabre.core.models import SiteIdentity
from palabre.documents.models import DocumentFormat, IssuedDocument
from palabre.documents.services import issue_document
from tests.spaces.factories import SpaceFactory

SAMPLE_ROWS = [("Awa Testkoné", "Coopérative test"), ("Koffi Testyao", "Union test")]
DISCLAIMER = "This platform is funded by fictitious partners; views are the authors' own."


def issue_sample(
    *,
    subject=None,
    space=None,
    fmt: str = DocumentFormat.PDF,
    title: str = "Sample framing note",
    kind: str = "sample",
    context: dict | None = None,
    **fields,
) -> IssuedDocument:
    """The sample template issued for `subject` (by default the space, or a new space)."""
    subject = subject or space or SpaceFactory()
    return issue_document(
        subject=subject,
        kind=kind,
        title=title,
        template_name="documents/sample.html",
        context={"rows": SAMPLE_ROWS, **(context or {})},
        fmt=fmt,
        space=space,
        **fields,
    )


def png(width: int, height: int, colour=(122, 74, 30)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(output, "PNG")
    return output.getvalue()


def set_identity(**fields) -> SiteIdentity:
    """The identity an administrator would configure: disclaimer, colours, logo."""
    identity = SiteIdentity.current()
    identity.funding_disclaimer = DISCLAIMER
    for name, value in fields.items():
        setattr(identity, name, value)
    identity.logo.save("logo.png", ContentFile(png(120, 60)), save=False)
    identity.save()
    return identity
