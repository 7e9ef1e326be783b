from django.views.generic import TemplateView

from .base import MeetingMixin


class MeetingDetailView(MeetingMixin, TemplateView):
    template_name = "meetings/detail.html"
