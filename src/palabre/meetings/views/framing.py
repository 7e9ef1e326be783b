"""The framing note: read as a document with its review threads, edited while in draft, moved
through the approval workflow, and downloaded as PDF or Word."""

from functools import cached_property

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from palabre.core.mixins import ServiceFormMixin
from palabre.documents.services import DocumentFormat, document_response
from palabre.workflow.models import State
from palabre.workflow.selectors import comments_by_section
from palabre.workflow.services import ensure_editable
from palabre.workflow.views import ReviewCommentView, VersionsView, WorkflowActionView

from ..forms.framing import AgendaItemForm, FramingNoteForm
from ..selectors_framing import framing_note_of, text_sections, timetable_of
from ..services.framing import (
    AGENDA_FIELDS,
    agenda_item_add,
    agenda_item_delete,
    agenda_item_move,
    agenda_item_update,
    framing_note_for,
    framing_note_update,
)
from .base import MeetingMixin


class FramingNoteMixin(MeetingMixin):
    """A page of the meeting's framing note; the rules are checked against the note."""

    permission_required = "meetings.view_framing_note"

    @cached_property
    def note(self):
        return framing_note_of(self.meeting)

    def get_permission_object(self):
        return self.note

    def note_url(self, anchor: str = "") -> str:
        url = reverse("meetings:framing_note", args=[self.space.slug, self.meeting.pk])
        return f"{url}#{anchor}" if anchor else url

    def get_context_data(self, **kwargs):
        return super().get_context_data(note=self.note, **kwargs)


class FramingNoteView(FramingNoteMixin, TemplateView):
    template_name = "meetings/framing/note.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            sections=text_sections(self.note),
            timetable=timetable_of(self.meeting),
            comments=comments_by_section(self.note) if self.note.pk else {},
            can_edit=self.note.is_editable
            and user.has_perm("meetings.edit_framing_note", self.note),
            **kwargs,
        )


class FrozenGuardMixin:
    """Only a draft can change: a frozen note sends the user back to it with the reason rather
    than showing a form that could not be saved. Comes after the permission check in the MRO,
    so that someone without the right still gets 403."""

    def dispatch(self, request, *args, **kwargs):
        try:
            ensure_editable(self.note)
        except ValidationError as error:
            messages.warning(request, " ".join(error.messages))
            return redirect(self.note_url())
        return super().dispatch(request, *args, **kwargs)


class DraftEditMixin(FramingNoteMixin, FrozenGuardMixin):
    """Changes the note's content."""

    permission_required = "meetings.edit_framing_note"
    anchor = ""

    def saved_note(self):
        """The note to change, stored now if the meeting did not have one yet."""
        return (
            self.note if self.note.pk else framing_note_for(self.meeting, actor=self.request.user)
        )

    def get_success_url(self) -> str:
        return self.note_url(self.anchor)


class FramingNoteUpdateView(DraftEditMixin, ServiceFormMixin, FormView):
    template_name = "meetings/framing/note_form.html"
    form_class = FramingNoteForm
    success_message = gettext_lazy("The framing note is saved.")

    def get_initial(self):
        return model_to_dict(self.note, fields=FramingNoteForm._meta.fields)

    def save(self, form):
        return framing_note_update(
            note=self.saved_note(), actor=self.request.user, **form.cleaned_data
        )


class AgendaItemMixin(DraftEditMixin):
    """An agenda page; the item, when the address names one."""

    anchor = "section-agenda"

    @cached_property
    def item(self):
        return get_object_or_404(self.meeting.agenda_items, pk=self.kwargs["item"])


class AgendaItemCreateView(AgendaItemMixin, ServiceFormMixin, FormView):
    template_name = "meetings/framing/agenda_item_form.html"
    form_class = AgendaItemForm
    success_message = gettext_lazy("The item is added at the end of the agenda.")

    def save(self, form):
        return agenda_item_add(note=self.saved_note(), actor=self.request.user, **form.cleaned_data)


class AgendaItemUpdateView(AgendaItemMixin, ServiceFormMixin, FormView):
    template_name = "meetings/framing/agenda_item_form.html"
    form_class = AgendaItemForm
    success_message = gettext_lazy("The agenda item is saved.")

    def get_initial(self):
        return model_to_dict(self.item, fields=AGENDA_FIELDS)

    def get_context_data(self, **kwargs):
        return super().get_context_data(item=self.item, **kwargs)

    def save(self, form):
        return agenda_item_update(
            note=self.note, item=self.item, actor=self.request.user, **form.cleaned_data
        )


class AgendaItemDeleteView(AgendaItemMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            agenda_item_delete(note=self.note, item=self.item, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("“%(item)s” is removed from the agenda.") % {"item": self.item.title}
            )
        return redirect(self.get_success_url())


class AgendaItemMoveView(AgendaItemMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            agenda_item_move(
                note=self.note,
                item=self.item,
                direction=request.POST.get("direction", ""),
                actor=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect(self.note_url(f"item-{self.item.pk}"))


class FramingWorkflowMixin(FramingNoteMixin):
    """The generic workflow views check each action's own rule; reading the note is the door."""

    def get_workflow_object(self):
        if self.note.pk is None:
            raise Http404
        return self.note


class FramingNoteActionView(FramingWorkflowMixin, WorkflowActionView):
    pass


class FramingNoteCommentView(FramingWorkflowMixin, ReviewCommentView):
    pass


class FramingNoteVersionsView(FramingWorkflowMixin, VersionsView):
    pass


class FramingNoteDocumentView(FramingNoteMixin, View):
    """A draft (or a version in review) downloads with a watermark and is not kept; an approved
    version is issued once, archived and the same file is served afterwards."""

    def get(self, request, *args, **kwargs):
        fmt = self.kwargs["fmt"]
        if fmt not in DocumentFormat.values:
            raise Http404
        note, meeting = self.note, self.meeting
        approved = note.workflow_state in (State.APPROVED, State.PUBLISHED)
        # The document is the same for every reader: the meeting's times are the venue's.
        with timezone.override(meeting.venue_zone):
            return document_response(
                subject=note,
                kind="framing_note",
                title=str(note),
                template_name="meetings/documents/framing_note.html",
                context={
                    "note": note,
                    "meeting": meeting,
                    "space": self.space,
                    "sections": text_sections(note),
                    "timetable": timetable_of(meeting),
                },
                fmt=fmt,
                version=note.version,
                space=self.space,
                issued_by=request.user if request.user.is_authenticated else None,
                approved_by=note.approved_by if approved else None,
                approved_at=note.approved_at if approved else None,
                draft=not approved,
                filename=f"note-de-cadrage-{meeting.pk}-v{note.version}.{fmt}",
            )
