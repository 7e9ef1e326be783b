from django.core.cache import cache
from django.db.models.signals import post_save
from django.dispatch import receiver

from .context_processors import IDENTITY_CACHE_KEY
from .models import SiteIdentity


@receiver(post_save, sender=SiteIdentity)
def forget_cached_identity(**kwargs):
    cache.delete(IDENTITY_CACHE_KEY)
