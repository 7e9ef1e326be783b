"""The workflow's shared screens (panel, review threads), seen through a framing note's page."""

import pytest
from django.urls import reverse

from palabre.spaces.models import Role
from palabre.workflow.models import Action
from palabre.workflow.services import comment_add, comment_resolve, workflow_act
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


def page(client, user, note) -> str:
    client.force_login(user)
    meeting = note.meeting
    address = reverse("meetings:framing_note", args=[meeting.space.slug, meeting.pk])
    return client.get(address).content.decode()


def test_the_panel_offers_each_user_only_the_steps_they_may_take(client, note, people):
    workflow_act(obj=note, action=Action.SUBMIT, actor=people["secretariat"])

    approver = page(client, people["approver"], note)
    secretariat = page(client, people["secretariat"], note)
    member = page(client, people["member"], note)

    assert 'value="approve"' in approver and 'value="send_back"' not in approver
    assert 'value="send_back"' in secretariat and 'value="approve"' not in secretariat
    assert 'class="workflow-actions"' not in member
    assert "Submit for review" in secretariat  # the history names the step taken


def test_review_threads_close_with_the_approval_and_keep_their_comments(client, note, people):
    workflow_act(obj=note, action=Action.SUBMIT, actor=people["secretariat"])
    comment = comment_add(
        obj=note, section="context", text="Citer l'étude de 2024.", actor=people["member"]
    )
    comment_resolve(comment=comment, actor=people["secretariat"])
    open_page = page(client, people["member"], note)
    assert open_page.count('name="section"') == len(note.workflow_sections())
    assert "comment-resolved" in open_page and "Mark resolved" not in open_page

    workflow_act(obj=note, action=Action.APPROVE, actor=people["approver"])
    approved_page = page(client, people["member"], note)
    assert 'name="section"' not in approved_page
    # Comments belong to the version they were written on: the approved one still shows them.
    assert "Citer l&#x27;étude de 2024." in approved_page
