"""The charter of a space: reading it, starting it, writing it in draft, taking it through the
workflow, and its documents."""

from functools import cached_property

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from palabre.core.mixins import ServiceFormMixin
from palabre.core.permissions import PermissionRequiredMixin
from palabre.documents.models import DocumentFormat
from palabre.documents.services import document_response
from palabre.spaces.mixins import SpacePageMixin
from palabre.spaces.selectors import space_for
from palabre.workflow.selectors import comments_by_section
from palabre.workflow.views import ReviewCommentView, VersionsView, WorkflowActionView

from ..forms.charter import (
    ArticleForm,
    CharterForm,
    CharterStartForm,
    CollegeFormSet,
    SectionForm,
    college_rows,
)
from ..models import CharterArticle, CharterSection
from ..selectors.charter import (
    charter_contents,
    charter_document,
    charter_for,
    charter_of,
    composition_of,
    published_revision,
    reads_current_version,
    women_share,
)
from ..services import charter as services
from ..services.charter import RULE_FIELDS


def charter_url(space, anchor: str = "") -> str:
    return reverse("knowledge:charter", args=[space.slug]) + anchor


class CharterMixin(PermissionRequiredMixin):
    """The charter named by the address, hidden (404) from whoever may not see it, then the
    page's own rule."""

    permission_required = "knowledge.view"

    @cached_property
    def charter(self):
        return charter_for(self.request.user, self.kwargs["slug"])

    @property
    def space(self):
        return self.charter.space

    def get_permission_object(self):
        return self.charter

    def get_context_data(self, **kwargs):
        return super().get_context_data(charter=self.charter, space=self.space, **kwargs)


class CharterView(View):
    """The charter; without one, the secretariat is offered to start it."""

    def dispatch(self, request, *args, **kwargs):
        space = space_for(request.user, kwargs["slug"])
        if charter_of(space) is None:
            if request.user.has_perm("knowledge.add_charter", space):
                return StartView.as_view()(request, *args, **kwargs)
            raise Http404
        return CharterPageView.as_view()(request, *args, **kwargs)


class StartView(SpacePageMixin, TemplateView):
    permission_required = "knowledge.add_charter"
    template_name = "knowledge/charter/start.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=CharterStartForm(), **kwargs)


class CharterPageView(CharterMixin, TemplateView):
    template_name = "knowledge/charter/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, charter = self.request.user, self.charter
        if not reads_current_version(user, charter):
            # Between two published versions, the public reads the last one published.
            context.update(public_reading=True, revision=published_revision(charter))
            return context
        can_edit = user.has_perm("knowledge.edit_charter", charter) and charter.is_editable
        context.update(
            sections=charter_contents(charter, lambda item: user.has_perm("knowledge.view", item)),
            comments=comments_by_section(charter),
            can_edit=can_edit,
            women=women_share(charter.space) if can_edit else None,
            **composition_of(charter),
        )
        return context


class CharterCreateView(SpacePageMixin, View):
    permission_required = "knowledge.add_charter"

    def post(self, request, *args, **kwargs):
        form = CharterStartForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose how to start the charter."))
            return redirect(charter_url(self.space))
        try:
            services.charter_create(
                space=self.space,
                actor=request.user,
                from_model=form.cleaned_data["source"] == "model",
                language=(get_language() or "")[:2],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The charter has been started; it is a draft."))
        return redirect(charter_url(self.space))


class CharterFormView(CharterMixin, ServiceFormMixin, FormView):
    """A form page of a draft charter; the service refuses once the draft is frozen."""

    permission_required = "knowledge.edit_charter"
    template_name = "knowledge/charter/form.html"
    heading = ""
    anchor = ""

    def get_success_url(self) -> str:
        return charter_url(self.space, self.anchor)

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.heading, **kwargs)


class CharterEditView(CharterFormView):
    form_class = CharterForm
    heading = gettext_lazy("Title, preamble and key rules")
    success_message = gettext_lazy("The charter has been saved.")
    anchor = "#section-rules"

    def get_initial(self):
        return model_to_dict(self.charter, RULE_FIELDS)

    def save(self, form):
        return services.charter_update(
            charter=self.charter, actor=self.request.user, **form.cleaned_data
        )


class CollegesView(CharterFormView):
    form_class = CollegeFormSet
    template_name = "knowledge/charter/colleges.html"
    success_message = gettext_lazy("The composition has been saved.")
    anchor = "#section-rules"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "prefix": "colleges"}

    def get_initial(self):
        return [
            {**model_to_dict(college, ["name", "description", "seats", "vote"]), "pk": college.pk}
            for college in self.charter.colleges.all()
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            women=women_share(self.space), **composition_of(self.charter), **kwargs
        )

    def form_valid(self, form):
        # A formset has no add_error: a refusal goes with the formset's own errors.
        try:
            services.colleges_update(
                charter=self.charter, actor=self.request.user, rows=college_rows(form)
            )
        except ValidationError as error:
            form._non_form_errors = form.error_class(error.messages)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())


class SectionMixin(CharterMixin):
    @cached_property
    def section(self):
        return get_object_or_404(CharterSection, charter=self.charter, pk=self.kwargs["section_pk"])


class ArticleMixin(CharterMixin):
    @cached_property
    def article(self):
        return get_object_or_404(
            CharterArticle.objects.select_related("section"),
            section__charter=self.charter,
            pk=self.kwargs["article_pk"],
        )


class SectionAddView(CharterFormView):
    form_class = SectionForm
    heading = gettext_lazy("New section")
    success_message = gettext_lazy("The section has been added.")

    def save(self, form):
        section = services.section_add(
            charter=self.charter, actor=self.request.user, **form.cleaned_data
        )
        self.anchor = f"#chapter-{section.pk}"
        return section


class SectionEditView(SectionMixin, CharterFormView):
    form_class = SectionForm
    heading = gettext_lazy("Rename the section")
    success_message = gettext_lazy("The section has been saved.")

    def get_initial(self):
        return model_to_dict(self.section, ["title", "kind"])

    def save(self, form):
        self.anchor = f"#chapter-{self.section.pk}"
        return services.section_update(
            section=self.section, actor=self.request.user, **form.cleaned_data
        )


class ArticleFormView(CharterFormView):
    form_class = ArticleForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "space": self.space}


class ArticleAddView(SectionMixin, ArticleFormView):
    heading = gettext_lazy("New article")
    success_message = gettext_lazy("The article has been added; the numbering is updated.")

    def save(self, form):
        article = services.article_add(
            section=self.section, actor=self.request.user, **form.cleaned_data
        )
        self.anchor = f"#section-article-{article.pk}"
        return article


class ArticleEditView(ArticleMixin, ArticleFormView):
    heading = gettext_lazy("Edit the article")
    success_message = gettext_lazy("The article has been saved.")

    def get_initial(self):
        return {
            "title": self.article.title,
            "text": self.article.text,
            "lessons": list(self.article.lessons.values_list("pk", flat=True)),
            "recommendations": list(self.article.recommendations.values_list("pk", flat=True)),
        }

    def save(self, form):
        self.anchor = f"#section-article-{self.article.pk}"
        return services.article_update(
            article=self.article, actor=self.request.user, **form.cleaned_data
        )


class CharterStepView(CharterMixin, View):
    """A button of the charter's page: done, or refused with a message, then back to the page."""

    permission_required = "knowledge.edit_charter"
    success_message = ""

    def perform(self) -> str:
        """Does the step; returns the anchor to go back to."""
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        anchor = ""
        try:
            anchor = self.perform()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, self.success_message)
        return redirect(charter_url(self.space, anchor))


class SectionMoveView(SectionMixin, CharterStepView):
    success_message = gettext_lazy("The section has been moved; the numbering is updated.")

    def perform(self) -> str:
        services.section_move(
            section=self.section,
            actor=self.request.user,
            direction=self.request.POST.get("direction", ""),
        )
        return f"#chapter-{self.section.pk}"


class ArticleMoveView(ArticleMixin, CharterStepView):
    success_message = gettext_lazy("The article has been moved; the numbering is updated.")

    def perform(self) -> str:
        services.article_move(
            article=self.article,
            actor=self.request.user,
            direction=self.request.POST.get("direction", ""),
        )
        return f"#section-article-{self.article.pk}"


class ArticleDeleteView(ArticleMixin, CharterStepView):
    success_message = gettext_lazy("The article has been deleted; the numbering is updated.")

    def perform(self) -> str:
        section = self.article.section
        services.article_delete(article=self.article, actor=self.request.user)
        return f"#chapter-{section.pk}"


class CharterWorkflowMixin(CharterMixin):
    def get_workflow_object(self):
        return self.charter


class CharterActionView(CharterWorkflowMixin, WorkflowActionView):
    pass


class CharterCommentView(CharterWorkflowMixin, ReviewCommentView):
    pass


class CharterVersionsView(CharterWorkflowMixin, VersionsView):
    permission_required = "knowledge.view"


class CharterDocumentView(CharterMixin, View):
    """PDF or DOCX: a draft carries a watermark and is not kept; an approved or published version
    is issued and archived. The public, between two published versions, has none to download."""

    def get(self, request, *args, fmt, **kwargs):
        charter = self.charter
        if fmt not in DocumentFormat.values or not reads_current_version(request.user, charter):
            raise Http404
        return document_response(
            **charter_document(charter),
            fmt=fmt,
            issued_by=request.user if request.user.is_authenticated else None,
            draft=charter.approved_at is None,
        )
