"""Incentive tools in the permission table's world.

- `{tool}`: a public tool of `{space}`, identified, described and dated (it may become designed);
- `{members_tool}`: a members-only tool of `{space}`;
- `{restricted_tool}`: a restricted tool of `{space}` (its officers only);
- `{private_tool}`: a public tool of `{private_space}` (hidden with its space);
- `{tool_space}`: the id of `{space}`, which the form of a new tool chooses.
"""

import datetime

from palabre.spaces.models import Visibility
from tests.investment.factories import IncentiveToolFactory

NAMESPACES = {"investment"}

TOOL_FORM = {
    "title": "Guichet unique diaspora",
    "kind": "one_stop_shop",
    "description": "Un guichet à la préfecture pour les investisseurs de la diaspora.",
    "currency": "XOF",
    "visibility": "public",
}
# The edit page sends the results with the tool, as they stand.
RESULTS = {
    "people_reached": "0",
    "women_reached": "0",
    "men_reached": "0",
    "diaspora_reached": "0",
    "residents_reached": "0",
    "projects_supported": "0",
    "jobs_expected": "0",
}

PAYLOADS = {
    "investment:tool_create": {**TOOL_FORM, "space": "{tool_space}"},
    "investment:tool_edit": {**TOOL_FORM, **RESULTS, "country": "{country}"},
    "investment:tool_stage": {"stage": "designed", "note": "Conçu avec la région."},
    "investment:activity_add": {"date": "{today}", "title": "Ouverture du guichet"},
    "investment:amount_add": {"date": "{today}", "amount": "2500", "currency": "EUR"},
}


def placeholders(*, space, private_space, users, base) -> dict:
    officer = users["secretariat"]
    described = {
        "description": "Un guichet à la préfecture.",
        "period_start": datetime.date(2026, 1, 1),
        "created_by": officer,
    }
    return {
        "tool": IncentiveToolFactory(space=space, **described).pk,
        "members_tool": IncentiveToolFactory(
            space=space, visibility=Visibility.MEMBERS, **described
        ).pk,
        "restricted_tool": IncentiveToolFactory(
            space=space, visibility=Visibility.RESTRICTED, **described
        ).pk,
        "private_tool": IncentiveToolFactory(space=private_space, **described).pk,
        "tool_space": space.pk,
    }
