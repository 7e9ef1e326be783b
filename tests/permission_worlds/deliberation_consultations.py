"""Consultations in the permission table's world.

- `{consultation}`: an open, members-only consultation of `{space}`, with an accepted seed
  statement `{statement}` that someone else voted on, and an analysis of those votes;
- `{pending_statement}`: a participant's statement of `{consultation}` awaiting moderation;
- `{public_consultation}`: an open public consultation of `{space}` (anyone with an account
  takes part; anonymous visitors read its question);
- `{closed_consultation}`: a closed public consultation of `{space}`, analysed (anonymous
  visitors read its results);
- `{draft_consultation}`: a consultation of `{space}` in preparation (the secretariat's alone);
- `{private_consultation}`: an open consultation of `{private_space}`.
"""

from palabre.deliberation.models import ConsultationStatus, StatementStatus
from palabre.deliberation.services.consultations import consultation_analysis_run
from palabre.spaces.models import Visibility
from tests.accounts.factories import make_user
from tests.deliberation.factories_consultations import (
    ConsultationFactory,
    StatementFactory,
    StatementVoteFactory,
)

NAMESPACES = {"deliberation"}

PAYLOADS = {
    "deliberation:consultation_create": {
        "title": "Priorités de la diaspora",
        "question": "Quelles priorités pour l'investissement de la diaspora ?",
        "visibility": "members",
        "statement_max_length": "280",
    },
    "deliberation:consultation_update": {
        "title": "Priorités de la diaspora (révisé)",
        # The question of the factory: people have voted, it may no longer change.
        "question": "Quelles priorités pour l'investissement de la diaspora dans la région ?",
        "visibility": "public",
        "statement_max_length": "200",
    },
    "deliberation:consultation_status": {"status": "closed"},
    "deliberation:consultation_vote": {"statement": "{statement}", "value": "1"},
    "deliberation:statement_submit": {"text": "Ouvrir un guichet de la diaspora à Tabou"},
    "deliberation:statement_add": {"text": "Soutenir les coopératives de pêche de San-Pédro"},
    "deliberation:statement_moderate": {"decision": "accept"},
    "deliberation:consultation_analyse": {},
}


def placeholders(*, space, private_space, users, base) -> dict:
    secretariat = users["secretariat"]
    consultation = ConsultationFactory(
        space=space, created_by=secretariat, title="Consultation des membres"
    )
    statement = StatementFactory(
        consultation=consultation, text="Créer un fonds de garantie pour la diaspora"
    )
    StatementVoteFactory(statement=statement)
    pending = StatementFactory(
        consultation=consultation,
        text="Former les jeunes aux métiers du port",
        status=StatementStatus.PENDING,
        is_seed=False,
        author=make_user(),
    )
    consultation_analysis_run(consultation=consultation, actor=secretariat)

    public = ConsultationFactory(
        space=space, created_by=secretariat, visibility=Visibility.PUBLIC, title="Publique"
    )
    StatementFactory(consultation=public)
    closed = ConsultationFactory(
        space=space,
        created_by=secretariat,
        visibility=Visibility.PUBLIC,
        status=ConsultationStatus.CLOSED,
        title="Close",
    )
    StatementVoteFactory(statement=StatementFactory(consultation=closed))
    consultation_analysis_run(consultation=closed, actor=secretariat)
    draft = ConsultationFactory(
        space=space, created_by=secretariat, status=ConsultationStatus.DRAFT, title="Brouillon"
    )
    private = ConsultationFactory(space=private_space, created_by=secretariat, title="Privée")
    return {
        "consultation": consultation.pk,
        "statement": statement.pk,
        "pending_statement": pending.pk,
        "public_consultation": public.pk,
        "closed_consultation": closed.pk,
        "draft_consultation": draft.pk,
        "private_consultation": private.pk,
    }
