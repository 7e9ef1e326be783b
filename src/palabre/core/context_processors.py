from django.core.cache import cache

from .models import SiteIdentity

IDENTITY_CACHE_KEY = "palabre:identity"


def identity(request):
    """The visual identity, cached so that it costs no query on a normal page.

    Named `identity`, not `site`: allauth puts Django's own `site` into its pages' context."""
    site = cache.get(IDENTITY_CACHE_KEY)
    if site is None:
        site = SiteIdentity.current()
        cache.set(IDENTITY_CACHE_KEY, site, 300)
    return {"identity": site}
