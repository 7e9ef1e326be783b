"""Forms of the register: a lesson, a recommendation, a follow-up update, the two capture forms
(from the minutes, from a tool's pilot analysis) and the register's filters."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from palabre.actions.models import Action
from palabre.directory.models import Organisation
from palabre.investment.models import IncentiveTool
from palabre.investment.selectors.tools import tools_visible_to
from palabre.meetings.models import Meeting
from palabre.meetings.selectors import meetings_visible_to
from palabre.spaces.models import Visibility

from ..models import FollowUp, Lesson, Priority, Recommendation, Tag
from ..services.register import allowed_moves

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 4})
VISIBILITY_HELP = _(
    "Public: anyone can read it in a public space. Members only: the members of the space. "
    "Restricted: the secretariat, the approvers and the investment officers."
)


class TagsField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Tags"),
            required=False,
            max_length=500,
            help_text=_("Separated by commas: “diaspora, trust”. New tags are created."),
            **kwargs,
        )


def tags_text(entry) -> str:
    return ", ".join(tag.name for tag in entry.tags.all())


class MeetingChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, meeting):
        return f"{meeting.starts_at:%d/%m/%Y} — {meeting.title}"


class ActionChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, action):
        return f"{action.plan.title} — {action.number}. {action.title}"


def _multiple(field_class, label, queryset):
    return field_class(
        label=label,
        queryset=queryset,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )


class EntryForm(forms.ModelForm):
    """What a lesson and a recommendation share: tags as text, links limited to the space."""

    tags = TagsField()

    def __init__(self, *args, space, **kwargs):
        super().__init__(*args, **kwargs)
        self.space = space
        self.fields["meetings"] = _multiple(
            MeetingChoice, _("Meetings"), Meeting.objects.filter(space=space).order_by("-starts_at")
        )
        self.fields["tools"] = _multiple(
            forms.ModelMultipleChoiceField,
            _("Incentive tools"),
            IncentiveTool.objects.filter(space=space).order_by("title"),
        )
        self.fields["visibility"].help_text = VISIBILITY_HELP
        if self.instance.pk:
            self.initial["tags"] = tags_text(self.instance)

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class LessonForm(EntryForm):
    class Meta:
        model = Lesson
        fields = ["title", "statement", "context", "learned_on", "visibility"]
        widgets = {"statement": TEXT, "context": TEXT, "learned_on": DATE_INPUT}

    field_order = ["title", "statement", "context", "learned_on", "tags", "meetings", "actions"]

    def __init__(self, *args, space, **kwargs):
        super().__init__(*args, space=space, **kwargs)
        self.fields["actions"] = _multiple(
            ActionChoice,
            _("Actions"),
            Action.objects.filter(plan__space=space)
            .select_related("plan")
            .order_by("-plan__period_start", "number"),
        )
        self.order_fields(self.field_order)
        if self.instance.pk:
            for name in ("meetings", "actions", "tools"):
                self.initial[name] = list(getattr(self.instance, name).values_list("pk", flat=True))


def require_addressee(form, data: dict) -> dict:
    if not data.get("addressee_organisation") and not data.get("addressee"):
        form.add_error(
            "addressee", _("Say to whom the recommendation is addressed: choose or type it.")
        )
    return data


class OrganisationChoice(forms.ModelChoiceField):
    def label_from_instance(self, organisation):
        return organisation.name


class RecommendationForm(EntryForm):
    class Meta:
        model = Recommendation
        fields = [
            "title",
            "statement",
            "addressee_organisation",
            "addressee",
            "priority",
            "due_date",
            "visibility",
        ]
        widgets = {"statement": TEXT, "due_date": DATE_INPUT}

    def __init__(self, *args, space, **kwargs):
        super().__init__(*args, space=space, **kwargs)
        self.fields["addressee_organisation"] = OrganisationChoice(
            label=_("Addressed to"),
            queryset=Organisation.objects.order_by("name"),
            required=False,
            empty_label="—",
        )
        self.fields["lessons"] = _multiple(
            forms.ModelMultipleChoiceField,
            _("From the lessons"),
            Lesson.objects.filter(space=space).order_by("-learned_on", "-pk"),
        )
        if self.instance.pk:
            for name in ("lessons", "meetings", "tools"):
                self.initial[name] = list(getattr(self.instance, name).values_list("pk", flat=True))

    def clean(self):
        return require_addressee(self, super().clean())


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Status after this update"))
    date = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    text = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The reason for the change, or the news: a decision, a step, a document."),
    )

    def __init__(self, *args, recommendation: Recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        current = recommendation.status
        self.fields["status"].choices = [
            (current, _("Unchanged (%(status)s)") % {"status": FollowUp(current).label})
        ] + [(status, FollowUp(status).label) for status in allowed_moves(recommendation)]
        self.fields["status"].initial = current


class CaptureMinutesForm(forms.Form):
    outcomes = forms.ModelMultipleChoiceField(
        label=_("Recommendations of the minutes to add to the register"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    addressee = forms.CharField(
        label=_("Addressed to"),
        max_length=200,
        required=False,
        help_text=_("For the chosen recommendations; each can be completed afterwards."),
    )
    lesson_title = forms.CharField(label=_("Title of the lesson"), max_length=200, required=False)
    lesson_statement = forms.CharField(label=_("Lesson"), widget=TEXT, required=False)
    lesson_context = forms.CharField(label=_("Context"), widget=TEXT, required=False)
    tags = TagsField()
    visibility = forms.ChoiceField(
        label=_("Visibility"), choices=Visibility.choices, help_text=VISIBILITY_HELP
    )

    def __init__(self, *args, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcomes"].queryset = outcomes
        self.fields["outcomes"].label_from_instance = lambda outcome: outcome.text

    def clean(self):
        data = super().clean()
        if (data.get("lesson_title") or data.get("lesson_statement")) and not (
            data.get("lesson_title") and data.get("lesson_statement")
        ):
            self.add_error("lesson_statement", _("A lesson needs a title and its statement."))
        elif not data.get("outcomes") and not data.get("lesson_title") and not self.errors:
            raise forms.ValidationError(_("Choose at least one recommendation or write a lesson."))
        return data

    def lesson(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("lesson_title"):
            return None
        return {
            "title": data["lesson_title"],
            "statement": data["lesson_statement"],
            "context": data["lesson_context"],
            "tags": data["tags"],
        }


class CaptureToolForm(forms.Form):
    lesson_title = forms.CharField(label=_("Title of the lesson"), max_length=200)
    lesson_statement = forms.CharField(label=_("Lesson"), widget=TEXT)
    context = forms.CharField(
        label=_("Context"),
        widget=TEXT,
        required=False,
        help_text=_("Taken from the tool's analysis; shorten or complete it."),
    )
    recommendation_title = forms.CharField(label=_("Title of the recommendation"), max_length=200)
    recommendation_statement = forms.CharField(label=_("Recommendation"), widget=TEXT)
    addressee_organisation = OrganisationChoice(
        label=_("Addressed to"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="—",
    )
    addressee = forms.CharField(label=_("Addressed to (other)"), max_length=200, required=False)
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Priority.choices, initial=Priority.MEDIUM
    )
    due_date = forms.DateField(label=_("Expected by"), required=False, widget=DATE_INPUT)
    tags = TagsField()

    def clean(self):
        return require_addressee(self, super().clean())

    def parts(self) -> dict:
        data = self.cleaned_data
        return {
            "lesson": {
                "title": data["lesson_title"],
                "statement": data["lesson_statement"],
                "context": data["context"],
            },
            "recommendation": {
                "title": data["recommendation_title"],
                "statement": data["recommendation_statement"],
                "addressee_organisation": data["addressee_organisation"],
                "addressee": data["addressee"],
                "priority": data["priority"],
                "due_date": data["due_date"],
            },
            "tags": data["tags"],
        }


# --- the register's filters ----------------------------------------------------------------------

SORTS = {
    "lessons": [
        ("recent", _("Most recent first"), ["-learned_on", "-pk"]),
        ("oldest", _("Oldest first"), ["learned_on", "pk"]),
        ("title", _("Title"), ["title", "pk"]),
    ],
    "recommendations": [
        ("recent", _("Most recent first"), ["-created_at", "-pk"]),
        ("oldest", _("Oldest first"), ["created_at", "pk"]),
        ("title", _("Title"), ["title", "pk"]),
        ("due", _("Expected by"), ["due_date", "pk"]),
    ],
}


class EntryFilter(django_filters.FilterSet):
    kind = ""
    q = django_filters.CharFilter(label=_("Search"), method="search")
    tag = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("register filter", "Tag"),
        field_name="tags",
        queryset=Tag.objects.all(),
        empty_label="—",
    )
    meeting = django_filters.ModelChoiceFilter(
        label=_("Meeting"), field_name="meetings", queryset=Meeting.objects.none(), empty_label="—"
    )
    tool = django_filters.ModelChoiceFilter(
        label=_("Incentive tool"),
        field_name="tools",
        queryset=IncentiveTool.objects.none(),
        empty_label="—",
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort"), method="sort_by", choices=(), empty_label=None
    )

    def __init__(self, *args, space, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what the visitor may open is offered, so that hidden titles are not disclosed.
        user = self.request.user
        self.filters["meeting"].queryset = meetings_visible_to(user).filter(space=space)
        self.filters["tool"].queryset = tools_visible_to(user).filter(space=space).order_by("title")
        related = "lessons" if self.kind == "lessons" else "recommendations"
        self.filters["tag"].queryset = Tag.objects.filter(**{f"{related}__space": space}).distinct()
        self.filters["sort"].extra["choices"] = [
            (key, label) for key, label, _o in SORTS[self.kind]
        ]

    def search(self, queryset, name, value):
        words = value.split()
        for word in words:
            query = Q(title__icontains=word) | Q(statement__icontains=word)
            if self.kind == "lessons":
                query |= Q(context__icontains=word)
            queryset = queryset.filter(query)
        return queryset

    def sort_by(self, queryset, name, value):
        orders = {key: order for key, _label, order in SORTS[self.kind]}
        return queryset.order_by(*orders.get(value, orders["recent"]))

    def filter_queryset(self, queryset):
        # M2M filters can repeat a row; the pks of the filtered rows keep the page's count exact.
        filtered = super().filter_queryset(queryset)
        order = filtered.query.order_by or queryset.model._meta.ordering
        return queryset.filter(pk__in=filtered.values("pk")).order_by(*order)


class LessonFilter(EntryFilter):
    kind = "lessons"

    class Meta:
        model = Lesson
        fields = ["q", "tag", "meeting", "tool", "sort"]


class RecommendationFilter(EntryFilter):
    kind = "recommendations"
    priority = django_filters.ChoiceFilter(
        label=_("Priority"), choices=Priority.choices, empty_label="—"
    )
    status = django_filters.ChoiceFilter(
        label=_("Follow-up"), choices=FollowUp.choices, empty_label="—"
    )
    addressee = django_filters.ModelChoiceFilter(
        label=_("Addressed to"),
        field_name="addressee_organisation",
        queryset=Organisation.objects.none(),
        empty_label="—",
    )

    class Meta:
        model = Recommendation
        fields = ["q", "tag", "meeting", "tool", "priority", "status", "addressee", "sort"]

    def __init__(self, *args, space, **kwargs):
        super().__init__(*args, space=space, **kwargs)
        self.filters["addressee"].queryset = (
            Organisation.objects.filter(recommendations_received__space=space)
            .distinct()
            .order_by("name")
        )
