"""One HTML template per document, written to PDF here and to Word in word.py.

Images and stylesheets come from the disk only: a document must render the same without network,
and a template must not be able to make the server fetch an address."""

import io
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils._os import safe_join

from palabre.core.context_processors import identity


def base_url() -> str:
    """Relative addresses in a document resolve against the site, so that "/media/…" is ours."""
    return settings.SITE_URL.rstrip("/") + "/"


def verify_url() -> str:
    """The public page where anyone checks a document, printed in every document's footer."""
    return settings.SITE_URL.rstrip("/") + reverse("documents:verify")


def render_html(template_name: str, context: dict) -> str:
    """A document template (extending documents/base_document.html) rendered to a full page."""
    full_context = {
        "identity": identity(None)["identity"],
        "verify_url": verify_url(),
        "draft": False,
        **context,
    }
    return render_to_string(template_name, full_context)


def local_file(url: str) -> Path | None:
    """The file on disk behind a media or static address of this site; None for anything else."""
    parts = urlsplit(url)
    site = urlsplit(base_url())
    if parts.scheme and (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
        return None
    path = unquote(parts.path)
    try:
        if settings.MEDIA_URL and path.startswith(settings.MEDIA_URL):
            found = safe_join(settings.MEDIA_ROOT, path.removeprefix(settings.MEDIA_URL))
        elif path.startswith(settings.STATIC_URL):
            relative = path.removeprefix(settings.STATIC_URL)
            found = finders.find(relative) or safe_join(settings.STATIC_ROOT, relative)
        else:
            return None
    except SuspiciousFileOperation:
        return None
    found = Path(found)
    return found if found.is_file() else None


def _url_fetcher_class():
    # WeasyPrint is imported on first use: it loads Pango, which most requests never need.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalURLFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = local_file(url)
            if path is None:
                raise ValueError(f"Documents only use this site's files, not {url}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), path.read_bytes(), headers={"Content-Type": content_type}
            )

    return LocalURLFetcher


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    fetcher = _url_fetcher_class()()
    output = io.BytesIO()
    # Tagged, so that screen readers read the headings, lists and tables of the document.
    HTML(string=html, base_url=base_url(), url_fetcher=fetcher).write_pdf(output, pdf_tags=True)
    return output.getvalue()
