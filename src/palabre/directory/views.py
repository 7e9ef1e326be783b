from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView
from django_filters.views import FilterView

from palabre.audit.selectors import history_of
from palabre.core.exports import FORMATS, tabular_response
from palabre.core.mixins import ServiceFormMixin, add_service_errors
from palabre.core.permissions import PermissionRequiredMixin

from . import services
from .exports import PEOPLE_HEADERS, people_rows
from .filters import OrganisationFilter, PersonFilter
from .forms import ConsentForm, MergeForm, OrganisationForm, PersonForm
from .models import Organisation, Person
from .selectors import (
    duplicate_candidates,
    duplicate_groups,
    organisations_list,
    people_for_export,
    people_list,
    person_consents,
    person_detail_queryset,
    person_link_counts,
    person_memberships,
)


class PersonListView(PermissionRequiredMixin, FilterView):
    permission_required = "directory.view_person"
    filterset_class = PersonFilter
    template_name = "directory/person_list.html"
    context_object_name = "people"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return people_list()

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            can_add=user.has_perm("directory.add_person"),
            can_export=user.has_perm("directory.export_people"),
            can_import=user.has_perm("directory.import_people"),
            can_merge=user.has_perm("directory.merge_person"),
            filters_used=any(
                self.request.GET.get(name) for name in PersonFilter.base_filters if name != "q"
            ),
            **kwargs,
        )


class PersonExportView(PermissionRequiredMixin, View):
    """The list as filtered on screen, every page of it; recorded because personal data leaves."""

    permission_required = "directory.export_people"

    def get(self, request):
        file_format = request.GET.get("format", "csv")
        if file_format not in FORMATS:
            return HttpResponseBadRequest(_("Unknown export format."))
        filterset = PersonFilter(request.GET, queryset=people_list())
        if not filterset.is_valid():
            return HttpResponseBadRequest(_("Invalid filters."))
        people = people_for_export(filterset.qs)
        query = request.GET.copy()
        query.pop("format", None)
        query.pop("page", None)
        services.people_export_record(
            actor=request.user,
            rows=people.count(),
            file_format=file_format,
            filters=query.urlencode(),
        )
        return tabular_response(
            headers=PEOPLE_HEADERS,
            rows=people_rows(people),
            filename=f"annuaire-{timezone.localdate():%Y-%m-%d}",
            file_format=file_format,
        )


class PersonDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "directory.view_person"
    template_name = "directory/person_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return person_detail_queryset()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.merged_into_id:
            messages.info(request, _("This entry was merged into the one shown here."))
            return redirect("directory:person_detail", pk=self.object.merged_into_id)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        user, person = self.request.user, self.object
        can_change = user.has_perm("directory.change_person", person)
        return super().get_context_data(
            can_change=can_change,
            can_merge=user.has_perm("directory.merge_person", person),
            can_view_contact=user.has_perm("directory.view_contact_details", person),
            consents=person_consents(person),
            memberships=person_memberships(person),
            duplicates=duplicate_candidates(person),
            history=history_of(person)[:20] if can_change else None,
            **kwargs,
        )


class PersonCreateView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    permission_required = "directory.add_person"
    form_class = PersonForm
    template_name = "directory/person_form.html"
    success_message = gettext_lazy("The person was added to the directory.")

    def save(self, form):
        return services.person_create(actor=self.request.user, **form.service_fields())


class PersonObjectMixin:
    def get_permission_object(self):
        if not hasattr(self, "person"):
            self.person = get_object_or_404(Person.objects.active(), pk=self.kwargs["pk"])
        return self.person

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, **kwargs)


class PersonUpdateView(PersonObjectMixin, PermissionRequiredMixin, ServiceFormMixin, FormView):
    permission_required = "directory.change_person"
    form_class = PersonForm
    template_name = "directory/person_form.html"
    success_message = gettext_lazy("The changes were saved.")

    def get_form_kwargs(self):
        # The form writes into its instance while validating: give it its own copy, so that the
        # service can compare the stored values with the new ones.
        return super().get_form_kwargs() | {"instance": Person.objects.get(pk=self.person.pk)}

    def save(self, form):
        return services.person_update(
            actor=self.request.user, person=self.person, **form.service_fields()
        )


class ConsentCreateView(PersonObjectMixin, PermissionRequiredMixin, FormView):
    permission_required = "directory.change_person"
    form_class = ConsentForm
    template_name = "directory/consent_form.html"

    def form_valid(self, form):
        services.consent_record_add(
            actor=self.request.user, person=self.person, **form.cleaned_data
        )
        messages.success(self.request, _("The consent was recorded."))
        return redirect(self.person.get_absolute_url())


class PersonMergeView(PersonObjectMixin, PermissionRequiredMixin, FormView):
    """Side by side, the entry kept (in the address) and the one folded into it."""

    permission_required = "directory.merge_person"
    form_class = MergeForm
    template_name = "directory/person_merge.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs() | {"keep": self.person}
        if self.request.method == "GET" and "duplicate" in self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        duplicate = form.cleaned_data["duplicate"] if form.is_bound and form.is_valid() else None
        context.update(
            duplicate=duplicate,
            candidates=duplicate_candidates(self.person),
            keep_links=person_link_counts(self.person),
            duplicate_links=person_link_counts(duplicate) if duplicate else None,
            fields=_comparison(self.person, duplicate) if duplicate else None,
        )
        return context

    def get(self, request, *args, **kwargs):
        # With ?duplicate=<id> the form is bound, to show both entries side by side; only the
        # confirming POST merges.
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def form_valid(self, form):
        duplicate = form.cleaned_data["duplicate"]
        try:
            result = services.person_merge(
                actor=self.request.user, keep=self.person, duplicate=duplicate
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(duplicate)s was merged into this entry.") % {"duplicate": duplicate.full_name},
        )
        if result["left"]:
            messages.warning(
                self.request,
                _(
                    "Some records stayed with the merged entry because this person already has "
                    "the same ones: %(records)s."
                )
                % {"records": services.merge_counts(result["left"])},
            )
        return redirect(self.person.get_absolute_url())


def _comparison(keep: Person, duplicate: Person) -> list[tuple[str, object, object]]:
    """(label, kept value, duplicate value) for every field a person's entry shows."""
    rows = []
    for name in PersonForm.Meta.fields:
        field = Person._meta.get_field(name)
        if field.many_to_many:
            values = [", ".join(map(str, getattr(p, name).all())) for p in (keep, duplicate)]
        elif field.choices:
            values = [getattr(p, f"get_{name}_display")() for p in (keep, duplicate)]
        else:
            values = [getattr(p, name) for p in (keep, duplicate)]
        rows.append((field.verbose_name, *(value or "" for value in values)))
    return rows


class DuplicatesView(PermissionRequiredMixin, TemplateView):
    permission_required = "directory.merge_person"
    template_name = "directory/duplicates.html"

    def get_context_data(self, **kwargs):
        page = Paginator(duplicate_groups(), settings.PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        return super().get_context_data(page_obj=page, groups=page.object_list, **kwargs)


class OrganisationListView(PermissionRequiredMixin, FilterView):
    permission_required = "directory.view_organisation"
    filterset_class = OrganisationFilter
    template_name = "directory/organisation_list.html"
    context_object_name = "organisations"
    paginate_by = settings.PAGE_SIZE

    def get_queryset(self):
        return organisations_list()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_add=self.request.user.has_perm("directory.add_organisation"), **kwargs
        )


class OrganisationDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "directory.view_organisation"
    template_name = "directory/organisation_detail.html"
    context_object_name = "organisation"

    def get_queryset(self):
        return organisations_list().prefetch_related("sectors")

    def get_context_data(self, **kwargs):
        people = Paginator(
            people_list().filter(organisation=self.object), settings.PAGE_SIZE
        ).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            can_change=self.request.user.has_perm("directory.change_organisation", self.object),
            page_obj=people,
            people=people.object_list,
            **kwargs,
        )


class OrganisationCreateView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    permission_required = "directory.add_organisation"
    form_class = OrganisationForm
    template_name = "directory/organisation_form.html"
    success_message = gettext_lazy("The organisation was added.")

    def save(self, form):
        return services.organisation_create(actor=self.request.user, **form.service_fields())


class OrganisationUpdateView(PermissionRequiredMixin, ServiceFormMixin, FormView):
    permission_required = "directory.change_organisation"
    form_class = OrganisationForm
    template_name = "directory/organisation_form.html"
    success_message = gettext_lazy("The changes were saved.")

    def get_permission_object(self):
        if not hasattr(self, "organisation"):
            self.organisation = get_object_or_404(Organisation, pk=self.kwargs["pk"])
        return self.organisation

    def get_form_kwargs(self):
        # A copy, as for people: the service compares the stored values with the new ones.
        fresh = Organisation.objects.get(pk=self.organisation.pk)
        return super().get_form_kwargs() | {"instance": fresh}

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation=self.organisation, **kwargs)

    def save(self, form):
        return services.organisation_update(
            actor=self.request.user, organisation=self.organisation, **form.service_fields()
        )
