import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ConsentRecord, Organisation, Person
from .selectors import duplicate_candidates

# What people type between the digits of a phone number: spaces, dots, dashes, brackets.
_PHONE_SEPARATORS = re.compile(r"[\s.\-/()]")


def clean_phone_number(value: str) -> str:
    """Accept the usual ways of writing a number and keep the E.164 form (+2250701020304).

    The model's validator then explains the expected format if what remains is not a number.
    """
    value = _PHONE_SEPARATORS.sub("", value or "")
    if value.startswith("00"):
        value = "+" + value[2:]
    return value


def phone_field() -> forms.CharField:
    """Longer than the stored number, so that spaces typed between digits reach clean_phone."""
    return forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"type": "tel", "placeholder": "+2250701020304"}),
        help_text=_("International format: + then the country code, for example +2250701020304."),
    )


class PhoneFieldMixin:
    def clean_phone(self):
        return clean_phone_number(self.cleaned_data.get("phone", ""))


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
