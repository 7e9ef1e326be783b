from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("palabre.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("compte/", include("palabre.accounts.urls")),
    path("territoires/", include("palabre.territories.urls")),
    path("annuaire/", include("palabre.directory.urls")),
    path("imports/", include("palabre.imports.urls")),
    path("espaces/", include("palabre.spaces.urls")),
    path("notifications/", include("palabre.notifications.urls")),
    path("", include("palabre.meetings.urls")),
    path("", include("palabre.deliberation.urls")),
    path("", include("palabre.actions.urls")),
    path("", include("palabre.indicators.urls")),
    path("", include("palabre.knowledge.urls")),
    path("investissement/", include("palabre.investment.urls")),
    path("appels/", include("palabre.calls.urls")),
    path("taches/", include("palabre.jobs.urls")),
    path("journal/", include("palabre.audit.urls")),
    path("documents/", include("palabre.documents.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
