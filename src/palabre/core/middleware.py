import zoneinfo

from django.utils import timezone


class UserTimezoneMiddleware:
    """Shows times in the viewer's own time zone: their profile's, else the one they picked."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tz_name = getattr(request.user, "time_zone", "") or request.session.get("time_zone", "")
        try:
            timezone.activate(zoneinfo.ZoneInfo(tz_name)) if tz_name else timezone.deactivate()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        return self.get_response(request)
