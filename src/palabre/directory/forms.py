from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ConsentRecord, Organisation, Person
from .phones import phone_to_e164
from .selectors import duplicate_candidates


def phone_field() -> forms.CharField:
    """Longer than the stored number, so that spaces typed between digits reach the cleaning."""
    return forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"type": "tel", "placeholder": "+2250701020304"}),
        help_text=_("International format: + then the country code, for example +2250701020304."),
    )


class PhoneFieldMixin:
    """Turns `phone` into E.164 once the other fields are clean: a number typed nationally
    ("07 01 02 03 04") is read in the plan of the country `phone_country()` returns."""

    def phone_country(self):
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("phone") is None:  # the field itself refused the value
            return cleaned
        country = self.phone_country()
        try:
            cleaned["phone"] = phone_to_e164(
                cleaned["phone"], country_iso2=country.iso2 if country else None
            )
        except ValidationError as error:
            self.add_error("phone", error)
        return cleaned


class PersonForm(PhoneFieldMixin, forms.ModelForm):
    phone = phone_field()
    # Shown by the template only once a possible duplicate has been pointed out.
    not_a_duplicate = forms.BooleanField(
        label=_("I have checked: this is a different person, record it anyway."),
        required=False,
    )

    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "gender",
            "email",
            "phone",
            "organisation",
            "position",
            "country_of_residence",
            "city_of_residence",
            "region_of_attachment",
            "sectors",
            "languages",
            "notes",
        ]
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.email_owner: Person | None = None
        self.name_duplicates: list[Person] = []

    def phone_country(self):
        organisation = self.cleaned_data.get("organisation")
        return self.cleaned_data.get("country_of_residence") or (
            organisation.country if organisation else None
        )

    def clean_email(self):
        email = self.cleaned_data.get("email", "").strip().lower()
        if not email:
            return email
        owner = Person.objects.active().filter(email__iexact=email).exclude(pk=self.instance.pk)
        self.email_owner = owner.first()
        if self.email_owner:
            raise forms.ValidationError(
                _(
                    "This e-mail address already belongs to %(name)s in the directory. "
                    "Open that entry instead of creating a second one."
                ),
                code="duplicate_email",
                params={"name": self.email_owner.full_name},
            )
        return email

    def clean(self):
        cleaned = super().clean()
        name_changed = {"first_name", "last_name"} & set(self.changed_data)
        if self.errors or not name_changed or cleaned.get("not_a_duplicate"):
            return cleaned
        probe = Person(
            pk=self.instance.pk,
            first_name=cleaned.get("first_name", ""),
            last_name=cleaned.get("last_name", ""),
        )
        self.name_duplicates = list(duplicate_candidates(probe)[:10])
        if self.name_duplicates:
            raise forms.ValidationError(
                _(
                    "The directory already has someone with this name. If this is the same "
                    "person, open their entry; otherwise tick the box to confirm."
                ),
                code="possible_duplicate",
            )
        return cleaned

    def service_fields(self) -> dict:
        """The cleaned values the services expect, without the form's own confirmation box."""
        return {k: v for k, v in self.cleaned_data.items() if k != "not_a_duplicate"}


class OrganisationForm(PhoneFieldMixin, forms.ModelForm):
    phone = phone_field()
    website = forms.URLField(
        label=_("website"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "acronym",
            "kind",
            "country",
            "region",
            "city",
            "website",
            "email",
            "phone",
            "sectors",
            "description",
        ]
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
        }

    def phone_country(self):
        return self.cleaned_data.get("country")

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class ConsentForm(forms.ModelForm):
    class Meta:
        model = ConsentRecord
        fields = ["purpose", "given_at", "source"]
        widgets = {
            "given_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            )
        }

    def clean_given_at(self):
        given_at = self.cleaned_data["given_at"]
        if given_at > timezone.now():
            raise forms.ValidationError(_("Consent cannot be given in the future."))
        return given_at


class MergeForm(forms.Form):
    duplicate = forms.ModelChoiceField(
        label=_("Entry to merge into this one"),
        queryset=Person.objects.none(),
        error_messages={"invalid_choice": _("Choose an entry that is still in the directory.")},
    )

    def __init__(self, *args, keep: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].queryset = Person.objects.active().exclude(pk=keep.pk)
