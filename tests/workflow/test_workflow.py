"""The one approval workflow, exercised through a framing note (any approvable behaves alike)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from palabre.audit.models import AuditEvent
from palabre.spaces.models import Role
from palabre.workflow.models import Action, Revision, State
from palabre.workflow.selectors import (
    comments_by_section,
    diff_with_previous,
    history_of,
    sections_diff,
)
from palabre.workflow.services import comment_add, comment_resolve, ensure_editable, workflow_act
from tests.meetings.factories import AgendaItemFactory, FramingNoteFactory
from tests.spaces.factories import member_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def note():
    note = FramingNoteFactory()
    AgendaItemFactory(meeting=note.meeting, order=1, title="Ouverture")
    return note


@pytest.fixture
def people(note):
    space = note.meeting.space
    return {
        "secretariat": member_user(space, role=Role.SECRETARIAT),
        "approver": member_user(space, role=Role.APPROVER),
        "member": member_user(space),
    }


def approve_and_publish(note, people):
    workflow_act(obj=note, action=Action.SUBMIT, actor=people["secretariat"])
    workflow_act(obj=note, action=Action.APPROVE, actor=people["approver"], note="Conforme.")
    workflow_act(obj=note, action=Action.PUBLISH, actor=people["secretariat"])


def test_full_cycle_records_each_transition_and_the_approved_content(note, people):
    approve_and_publish(note, people)

    note.refresh_from_db()
    assert note.workflow_state == State.PUBLISHED
    assert note.approved_by == people["approver"]
    steps = [(t.action, t.from_state, t.to_state, t.actor) for t in history_of(note)]
    assert steps == [
        ("submit", "draft", "in_review", people["secretariat"]),
        ("approve", "in_review", "approved", people["approver"]),
        ("publish", "approved", "published", people["secretariat"]),
    ]
    revision = Revision.objects.get()
    assert revision.version == 1 and revision.published_at is not None
    assert ["objectives", "Objectives", note.objectives] in revision.sections
    assert AuditEvent.objects.filter(action="workflow.approve").count() == 1


def test_only_an_approver_approves(note, people):
    workflow_act(obj=note, action=Action.SUBMIT, actor=people["secretariat"])
    for who in ("secretariat", "member"):
        with pytest.raises(PermissionDenied):
            workflow_act(obj=note, action=Action.APPROVE, actor=people[who])
    note.refresh_from_db()
    assert note.workflow_state == State.IN_REVIEW
    assert not Revision.objects.exists()


def test_a_member_cannot_submit(note, people):
    with pytest.raises(PermissionDenied):
        workflow_act(obj=note, action=Action.SUBMIT, actor=people["member"])


def test_a_step_out_of_order_is_refused_with_a_message(note, people):
    with pytest.raises(ValidationError, match="not possible while the document is draft"):
        workflow_act(obj=note, action=Action.PUBLISH, actor=people["secretariat"])
    assert not history_of(note).exists()


def test_a_published_version_is_frozen_and_a_change_makes_a_new_version(note, people):
    approve_and_publish(note, people)
    with pytest.raises(ValidationError, match="can no longer change"):
        ensure_editable(note)

    workflow_act(obj=note, action=Action.NEW_VERSION, actor=people["secretariat"])
    note.refresh_from_db()
    assert (note.version, note.workflow_state, note.approved_by) == (2, State.DRAFT, None)
    ensure_editable(note)
    note.objectives = "Installer le comité de suivi et adopter son règlement intérieur."
    note.save()

    previous, diff = diff_with_previous(note)
    assert previous == 1
    objectives = next(section for section in diff if section.title == "Objectives")
    assert objectives.status == "changed"
    assert ("removed", "valider sa feuille de route.") in objectives.pieces
    assert ("added", "adopter son règlement intérieur.") in objectives.pieces
    assert {s.status for s in diff if s.title != "Objectives"} == {"same"}
    # The published version 1 stays readable as it was.
    assert "valider sa feuille de route" in str(Revision.objects.get(version=1).sections)


def test_sending_back_an_approved_version_withdraws_the_approval(note, people):
    workflow_act(obj=note, action=Action.SUBMIT, actor=people["secretariat"])
    workflow_act(obj=note, action=Action.APPROVE, actor=people["approver"])
    workflow_act(obj=note, action=Action.SEND_BACK, actor=people["secretariat"], note="Erreur")
    note.refresh_from_db()
    assert note.workflow_state == State.DRAFT and note.approved_at is None
    assert not Revision.objects.exists()


def test_reviewers_comment_per_section_until_approval(note, people):
    workflow_act(obj=note, action=Action.SUBMIT, actor=people["secretariat"])
    comment = comment_add(
        obj=note, section="objectives", text="Préciser le calendrier.", actor=people["member"]
    )
    assert list(comments_by_section(note)) == ["objectives"]
    with pytest.raises(ValidationError):
        comment_add(obj=note, section="nowhere", text="?", actor=people["member"])
    with pytest.raises(PermissionDenied):
        comment_resolve(comment=comment, actor=people["member"])
    comment_resolve(comment=comment, actor=people["secretariat"])
    comment.refresh_from_db()
    assert comment.resolved_by == people["secretariat"]

    workflow_act(obj=note, action=Action.APPROVE, actor=people["approver"])
    with pytest.raises(ValidationError, match="closed"):
        comment_add(obj=note, section="context", text="Trop tard", actor=people["member"])


def test_a_removed_and_an_added_section_are_named():
    diff = sections_diff(
        [["a", "A", "un"], ["b", "B", "deux"]], [["a", "A", "un"], ["c", "C", "trois"]]
    )
    assert [(s.title, s.status) for s in diff] == [("A", "same"), ("C", "added"), ("B", "removed")]
