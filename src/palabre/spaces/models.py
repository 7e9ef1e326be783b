from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palabre.directory.models import Organisation, Person
from palabre.territories.models import Country, Region


class SpaceKind(models.TextChoices):
    FOLLOW_UP_COMMITTEE = "follow_up_committee", _("Follow-up committee")
    CONCERTATION_SPACE = "concertation_space", _("Concertation space")
    WORKING_GROUP = "working_group", _("Working group")


class SpaceStatus(models.TextChoices):
    IN_CONSTITUTION = "in_constitution", _("Being set up")
    ACTIVE = "active", _("Active")
    DORMANT = "dormant", _("Dormant")
    CLOSED = "closed", _("Closed")


class Visibility(models.TextChoices):
    """Shared by every object that can be shown: public, members only, or restricted."""

    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")
    RESTRICTED = "restricted", _("Restricted")


class Space(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=SpaceKind.choices)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="spaces",
        verbose_name=_("country"),
        help_text=_("People living elsewhere count as diaspora for this space."),
    )
    regions = models.ManyToManyField(
        Region,
        blank=True,
        related_name="spaces",
        verbose_name=_("regions"),
        help_text=_("The regions the space covers, in its country; none means the whole country."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent space"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SpaceStatus.choices, default=SpaceStatus.ACTIVE
    )
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("spaces:detail", args=[self.slug])

    def clean(self):
        # The regions are checked against the country in the services: a many-to-many field is
        # only set after the save, so clean() cannot see the new ones.
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A space cannot be its own ancestor.")})
            ancestor = ancestor.parent


class College(models.Model):
    """A group of members with a common standing: regions, State services, diaspora..."""

    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, related_name="colleges", verbose_name=_("space")
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    seats = models.PositiveSmallIntegerField(_("seats"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("college")
        verbose_name_plural = _("colleges")
        ordering = ["space", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["space", "name"], name="college_unique_per_space")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    SECRETARIAT = "secretariat", _("Secretariat")
    RAPPORTEUR = "rapporteur", _("Rapporteur")
    APPROVER = "approver", _("Approver")
    INVESTMENT_OFFICER = "investment_officer", _("Investment officer")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


class Vote(models.TextChoices):
    DELIBERATIVE = "deliberative", _("Deliberative vote")
    CONSULTATIVE = "consultative", _("Consultative vote")


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(
            models.Q(start_date__lte=on)
            & (models.Q(end_date__isnull=True) | models.Q(end_date__gte=on))
        )


class Membership(models.Model):
    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("space")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    college = models.ForeignKey(
        College,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("college"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisation represented"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    vote = models.CharField(
        _("vote"), max_length=20, choices=Vote.choices, default=Vote.DELIBERATIVE
    )
    start_date = models.DateField(_("start date"), default=timezone.localdate)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["space", "college__order", "person__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["space", "person", "role"],
                condition=models.Q(end_date__isnull=True),
                name="membership_one_open_role_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()} ({self.space})"

    def clean(self):
        if self.college_id and self.space_id and self.college.space_id != self.space_id:
            raise ValidationError({"college": _("This college belongs to another space.")})
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
