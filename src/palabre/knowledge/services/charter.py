"""The charter through the workflow: what it is made of (numbered articles in sections, colleges
and key rules), what it needs before review, and who hears of its steps."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from palabre.workflow.models import Action

from ..models import Charter, CharterArticle
from .approvals import announce_transition


def numbered_articles(charter: Charter) -> list[tuple[int, CharterArticle]]:
    """(number, article) in reading order: articles are numbered through the whole charter."""
    articles = (
        CharterArticle.objects.filter(section__charter=charter)
        .select_related("section")
        .prefetch_related("lessons", "recommendations")
        .order_by("section__order", "section__pk", "order", "pk")
    )
    return list(enumerate(articles, start=1))


def rules_text(charter: Charter) -> str:
    """The key rules and the composition, as the text a reviewer compares between versions."""
    lines = [
        _("Minimum share of women: %(percent)s %%") % {"percent": charter.women_minimum_percent},
        _("Plenary sessions a year: %(count)s") % {"count": charter.plenary_per_year},
        _("Bureau meetings a year: %(count)s") % {"count": charter.bureau_per_year},
        _("Quorum: %(percent)s %% of the deliberative members")
        % {"percent": charter.quorum_percent},
        _("Decisions: by consensus first; failing that, %(majority)s")
        % {"majority": charter.get_majority_display().lower()},
    ]
    for college in charter.colleges.all():
        lines.append(
            _("College “%(name)s”: %(seats)s seats, %(vote)s")
            % {
                "name": college.name,
                "seats": college.seats,
                "vote": college.get_vote_display().lower(),
            }
        )
    return "\n".join(lines)


def article_text(article: CharterArticle) -> str:
    """The article's text followed by what it cites, so that a changed citation shows in the
    difference between versions."""
    cited = [f"{_('Lesson')}: {lesson.title}" for lesson in article.lessons.all()]
    cited += [f"{_('Recommendation')}: {rec.title}" for rec in article.recommendations.all()]
    if not cited:
        return article.text
    return article.text + "\n\n" + "\n".join(f"[{line}]" for line in cited)


def charter_sections(charter: Charter) -> list[tuple[str, str, str]]:
    sections = [
        ("preamble", str(_("Preamble")), charter.preamble),
        ("rules", str(_("Composition and key rules")), rules_text(charter)),
    ]
    for number, article in numbered_articles(charter):
        title = _("Article %(number)s — %(title)s") % {"number": number, "title": article.title}
        sections.append((f"article-{article.pk}", str(title), article_text(article)))
    return sections


def charter_check(*, charter: Charter, action: str) -> None:
    if action == Action.SUBMIT:
        if not CharterArticle.objects.filter(section__charter=charter).exists():
            raise ValidationError(_("The charter cannot be submitted without any article."))
        if not charter.colleges.exists():
            raise ValidationError(_("The charter cannot be submitted without its colleges."))


def charter_transitioned(*, charter: Charter, action: str, actor) -> None:
    announce_transition(
        obj=charter,
        action=action,
        actor=actor,
        kind="charter",
        name=lambda: _("charter of %(space)s") % {"space": charter.space.name},
    )
