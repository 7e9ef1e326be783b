from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from palabre.spaces.selectors import spaces_visible_to
from palabre.territories.selectors import regions_for_home


class HomeView(TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["regions"] = regions_for_home()
        context["spaces"] = spaces_visible_to(self.request.user)[:6]
        return context


@never_cache
def healthz(request):
    """For load balancers and monitoring: 503 as soon as the database does not answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
