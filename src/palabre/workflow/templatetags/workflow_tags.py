from django import template

from palabre.workflow.models import Action, State, actions_from
from palabre.workflow.selectors import history_of

register = template.Library()


@register.inclusion_tag("workflow/panel.html", takes_context=True)
def workflow_panel(context, obj, action_url, versions_url=""):
    """State, version, the actions this user may take now, and the history of the document."""
    user = context["request"].user
    actions = [
        (action, Action(action).label)
        for action in actions_from(obj.workflow_state)
        if user.has_perm(obj.workflow_permission(action), obj)
    ]
    return {
        "obj": obj,
        "actions": actions,
        "action_url": action_url,
        "versions_url": versions_url,
        "history": history_of(obj),
        "csrf_token": context.get("csrf_token"),
        "State": State,
    }


@register.inclusion_tag("workflow/section_comments.html", takes_context=True)
def section_comments(context, obj, section, comments_by_section, comment_url):
    """The review thread of one section, with a form for whoever may review while it is open."""
    user = context["request"].user
    open_for_comments = obj.workflow_state in (State.DRAFT, State.IN_REVIEW)
    return {
        "obj": obj,
        "section": section,
        "comments": comments_by_section.get(section, []),
        "comment_url": comment_url,
        "can_comment": open_for_comments and user.has_perm(obj.workflow_permission("review"), obj),
        "can_resolve": user.has_perm(obj.workflow_permission("edit"), obj),
        "csrf_token": context.get("csrf_token"),
    }
