"""Who may do what with meetings, their framing notes, registrations, attendance and minutes.

Every predicate accepts the meeting or one of its documents (framing note, minutes) and reasons on
the meeting's space.
"""

import rules

from palabre.core.rules import is_site_admin
from palabre.spaces.models import Role, Space, Visibility
from palabre.spaces.rules import is_space_approver, is_space_member, is_space_secretariat
from palabre.spaces.selectors import roles_of

from .models import RegistrationStatus


def space_of(obj) -> Space | None:
    if obj is None or isinstance(obj, Space):
        return obj
    meeting = getattr(obj, "meeting", obj)
    return meeting.space


def meeting_of(obj):
    return getattr(obj, "meeting", obj)


@rules.predicate
def is_member(user, obj) -> bool:
    return is_space_member(user, space_of(obj))


@rules.predicate
def is_secretariat(user, obj) -> bool:
    return is_space_secretariat(user, space_of(obj))


@rules.predicate
def is_approver(user, obj) -> bool:
    return is_space_approver(user, space_of(obj))


@rules.predicate
def is_rapporteur(user, obj) -> bool:
    space = space_of(obj)
    return space is not None and Role.RAPPORTEUR in roles_of(user).get(space.pk, set())


@rules.predicate
def is_invited(user, obj) -> bool:
    person = getattr(user, "person", None) if user.is_authenticated else None
    return person is not None and meeting_of(obj).invitations.filter(person=person).exists()


@rules.predicate
def is_public_meeting(user, obj) -> bool:
    meeting = meeting_of(obj)
    return meeting.visibility == Visibility.PUBLIC and meeting.space.visibility == Visibility.PUBLIC


@rules.predicate
def is_members_meeting(user, obj) -> bool:
    return meeting_of(obj).visibility == Visibility.MEMBERS


@rules.predicate
def is_published(user, obj) -> bool:
    # Asked of a meeting too (a permission checked before its document exists): not published.
    return getattr(obj, "is_published", False)


@rules.predicate
def is_public_document(user, obj) -> bool:
    return getattr(obj, "visibility", Visibility.PUBLIC) == Visibility.PUBLIC


can_manage = is_secretariat | is_site_admin
can_see_meeting = (
    is_public_meeting
    | (is_members_meeting & is_member)
    | is_invited
    | is_secretariat
    | is_site_admin
)

rules.add_perm("meetings.view_meeting", can_see_meeting)
rules.add_perm("meetings.add_meeting", can_manage)  # object: the space
rules.add_perm("meetings.manage_meeting", can_manage)
rules.add_perm("meetings.view_participants", is_member | is_site_admin)

rules.add_perm(
    "meetings.view_framing_note", (is_published & can_see_meeting) | is_member | can_manage
)
rules.add_perm("meetings.edit_framing_note", can_manage)
rules.add_perm("meetings.review_framing_note", is_member | is_site_admin)
rules.add_perm("meetings.approve_framing_note", is_approver)
rules.add_perm("meetings.publish_framing_note", can_manage | is_approver)

rules.add_perm("meetings.register", rules.is_authenticated & can_see_meeting)
rules.add_perm("meetings.take_attendance", can_manage)

rules.add_perm(
    "meetings.view_minutes",
    (is_published & is_public_document & can_see_meeting)
    # Members read the drafts too: they are the reviewers.
    | is_member
    | can_manage,
)
rules.add_perm("meetings.edit_minutes", can_manage | is_rapporteur)
rules.add_perm("meetings.review_minutes", is_member | is_site_admin)
rules.add_perm("meetings.approve_minutes", is_approver)
rules.add_perm("meetings.publish_minutes", can_manage | is_approver)

rules.add_perm("meetings.manage_training", can_manage)


@rules.predicate
def is_registered_participant(user, obj) -> bool:
    person = getattr(user, "person", None) if user.is_authenticated else None
    return (
        person is not None
        and meeting_of(obj)
        .registrations.filter(person=person, status=RegistrationStatus.REGISTERED)
        .exists()
    )


# The link lets anyone into the call: only those expected there get it.
rules.add_perm(
    "meetings.view_online_link", is_member | is_invited | is_registered_participant | can_manage
)


# Trainings: a participant answers the survey and downloads the certificate for themself only;
# the secretariat types paper answers and issues everyone's certificates.


@rules.predicate
def attended(user, obj) -> bool:
    person = getattr(user, "person", None) if user.is_authenticated else None
    return (
        person is not None and meeting_of(obj).attendances.present().filter(person=person).exists()
    )


@rules.predicate
def is_own_attendance(user, attendance) -> bool:
    return user.is_authenticated and attendance.person.user_id == user.pk


rules.add_perm("meetings.answer_survey", attended | can_manage)
rules.add_perm("meetings.get_certificate", is_own_attendance | can_manage)  # object: attendance
