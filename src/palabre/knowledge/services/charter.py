"""The charter through the workflow: what it is made of (numbered articles in sections, colleges
and key rules), what it needs before review, and who hears of its steps."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils.translation import gettext as _

from palabre.audit.services import audit_record, field_changes, snapshot
from palabre.core.permissions import check_perm
from palabre.spaces.models import Space, Vote
from palabre.spaces.selectors import colleges_with_counts
from palabre.workflow.models import Action
from palabre.workflow.services import ensure_editable

from .. import model_charter
from ..models import (
    Charter,
    CharterArticle,
    CharterCollege,
    CharterSection,
    Lesson,
    Recommendation,
)
from .approvals import announce_transition


def numbered_articles(charter: Charter) -> list[tuple[int, CharterArticle]]:
    """(number, article) in reading order: articles are numbered through the whole charter."""
    articles = (
        CharterArticle.objects.filter(section__charter=charter)
        .select_related("section")
        .prefetch_related(
            Prefetch("lessons", queryset=Lesson.objects.select_related("space")),
            Prefetch("recommendations", queryset=Recommendation.objects.select_related("space")),
        )
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


# --- writing the charter -------------------------------------------------------------------------

RULE_FIELDS = [
    "title",
    "preamble",
    "women_minimum_percent",
    "plenary_per_year",
    "bureau_per_year",
    "quorum_percent",
    "majority",
    "visibility",
]


def _fill(text: str, values: dict) -> str:
    return text.format_map(values)


def _placeholder_values(space: Space, language: str) -> dict:
    regions = [region.name for region in space.regions.order_by("name")]
    country = space.country.name
    words = model_charter.REGION_WORDS[language]
    if not regions:  # the space covers its whole country
        named = words["whole"]
    elif len(regions) == 1:
        named = regions[0]
    else:
        named = ", ".join(regions[:-1]) + words["and"] + regions[-1]
    return {"space": space.name, "regions": named, "country": country}


def _college_vote(college) -> str:
    """Partners advise; everyone else decides, unless the secretariat says otherwise."""
    name = college.name.lower()
    if "partenaire" in name or "partner" in name:
        return Vote.CONSULTATIVE
    return Vote.DELIBERATIVE


def charter_create(*, space: Space, actor, from_model: bool, language: str = "") -> Charter:
    """The space's charter, empty or from the model charter in `language` (French otherwise),
    with the space's colleges as its composition."""
    check_perm(actor, "knowledge.add_charter", space)
    language = language if language in model_charter.LANGUAGES else model_charter.DEFAULT_LANGUAGE
    values = _placeholder_values(space, language)
    with transaction.atomic():
        if Charter.objects.select_for_update().filter(space=space).exists():
            raise ValidationError(_("This space already has its charter."))
        charter = Charter.objects.create(
            space=space,
            title=_fill(model_charter.TITLES[language], values),
            preamble=_fill(model_charter.PREAMBLES[language], values) if from_model else "",
            created_by=actor,
        )
        CharterCollege.objects.bulk_create(
            CharterCollege(
                charter=charter,
                name=college.name,
                description=college.description[:300],
                seats=college.member_count or college.seats or 1,
                vote=_college_vote(college),
                order=order,
            )
            for order, college in enumerate(colleges_with_counts(space), start=1)
        )
        if from_model:
            for order, (kind, titles, articles) in enumerate(model_charter.MODEL_CHARTER, 1):
                section = CharterSection.objects.create(
                    charter=charter, kind=kind, title=titles[language], order=order
                )
                CharterArticle.objects.bulk_create(
                    CharterArticle(
                        section=section,
                        order=number,
                        title=_fill(texts[language][0], values),
                        text=_fill(texts[language][1], values),
                    )
                    for number, texts in enumerate(articles, 1)
                )
        audit_record(
            actor=actor,
            action="knowledge.charter_create",
            target=charter,
            note="model" if from_model else "empty",
        )
    return charter


def _editing(charter: Charter, actor) -> None:
    check_perm(actor, "knowledge.edit_charter", charter)
    ensure_editable(charter)


def charter_update(*, charter: Charter, actor, **fields) -> Charter:
    """The title, the preamble and the key rules."""
    _editing(charter, actor)
    before = snapshot(charter, list(fields))
    for name, value in fields.items():
        setattr(charter, name, value)
    charter.full_clean(exclude=["space", "created_by", "approved_by"])
    charter.save(update_fields=[*fields, "updated_at"])
    audit_record(
        actor=actor,
        action="knowledge.charter_update",
        target=charter,
        changes=field_changes(before, fields),
    )
    return charter


def colleges_update(*, charter: Charter, actor, rows: list[dict]) -> None:
    """Rows of {pk (None for a new one), name, description, seats, vote, delete}: the composition
    as the secretariat left it, in the rows' order; the colleges left out are removed."""
    _editing(charter, actor)
    kept = [row for row in rows if not row.get("delete")]
    names = [row["name"].strip().lower() for row in kept]
    if len(names) != len(set(names)):
        raise ValidationError(_("Two colleges cannot have the same name."))
    if not kept:
        raise ValidationError(_("The charter needs at least one college."))
    existing = {college.pk: college for college in charter.colleges.all()}
    with transaction.atomic():
        # A college missing from the rows was removed as surely as one ticked for removal.
        kept_pks = {row.get("pk") for row in kept}
        deleted = [pk for pk in existing if pk not in kept_pks]
        charter.colleges.filter(pk__in=deleted).delete()
        # Names are unique per charter: free them before rows swap names.
        for college in existing.values():
            if college.pk not in deleted:
                college.name = f"~{college.pk}"
                college.save(update_fields=["name"])
        for order, row in enumerate(kept, start=1):
            college = existing.get(row.get("pk")) or CharterCollege(charter=charter)
            college.name = row["name"].strip()
            college.description = row.get("description", "")
            college.seats = row["seats"]
            college.vote = row["vote"]
            college.order = order
            college.save()
        audit_record(
            actor=actor,
            action="knowledge.charter_colleges",
            target=charter,
            changes={"colleges": [len(existing), len(kept)]},
        )


def _renumber(rows) -> None:
    for order, row in enumerate(rows, start=1):
        if row.order != order:
            row.order = order
            row.save(update_fields=["order"])


def _move(items: list, item, direction: str) -> None:
    """Swap `item` with its neighbour in `items` (already in order), then number them 1…n."""
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    _renumber(items)


def section_add(*, charter: Charter, actor, title: str, kind: str) -> CharterSection:
    _editing(charter, actor)
    last = charter.sections.aggregate(last=Max("order"))["last"] or 0
    section = CharterSection.objects.create(charter=charter, title=title, kind=kind, order=last + 1)
    audit_record(actor=actor, action="knowledge.charter_section_add", target=charter, note=title)
    return section


def section_update(*, section: CharterSection, actor, title: str, kind: str) -> CharterSection:
    _editing(section.charter, actor)
    changes = field_changes(snapshot(section, ["title", "kind"]), {"title": title, "kind": kind})
    section.title, section.kind = title, kind
    section.save(update_fields=["title", "kind"])
    audit_record(
        actor=actor, action="knowledge.charter_section_edit", target=section, changes=changes
    )
    return section


def section_move(*, section: CharterSection, actor, direction: str) -> None:
    _editing(section.charter, actor)
    with transaction.atomic():
        _move(list(section.charter.sections.order_by("order", "pk")), section, direction)
        audit_record(
            actor=actor, action="knowledge.charter_section_move", target=section, note=direction
        )


def _cited_in_space(charter: Charter, lessons, recommendations) -> None:
    if any(item.space_id != charter.space_id for item in [*lessons, *recommendations]):
        raise ValidationError(
            _("An article can only cite the lessons and recommendations of its space.")
        )


def article_add(
    *, section: CharterSection, actor, title: str, text: str, lessons=(), recommendations=()
) -> CharterArticle:
    _editing(section.charter, actor)
    _cited_in_space(section.charter, lessons, recommendations)
    with transaction.atomic():
        last = section.articles.aggregate(last=Max("order"))["last"] or 0
        article = CharterArticle.objects.create(
            section=section, order=last + 1, title=title, text=text
        )
        article.lessons.set(lessons)
        article.recommendations.set(recommendations)
        audit_record(actor=actor, action="knowledge.charter_article_add", target=article)
    return article


def article_update(
    *, article: CharterArticle, actor, title: str, text: str, lessons=(), recommendations=()
) -> CharterArticle:
    charter = article.section.charter
    _editing(charter, actor)
    _cited_in_space(charter, lessons, recommendations)
    with transaction.atomic():
        changes = field_changes(
            snapshot(article, ["title", "text"]), {"title": title, "text": text}
        )
        article.title, article.text = title, text
        article.save(update_fields=["title", "text"])
        article.lessons.set(lessons)
        article.recommendations.set(recommendations)
        audit_record(
            actor=actor, action="knowledge.charter_article_edit", target=article, changes=changes
        )
    return article


def article_move(*, article: CharterArticle, actor, direction: str) -> None:
    _editing(article.section.charter, actor)
    with transaction.atomic():
        _move(list(article.section.articles.order_by("order", "pk")), article, direction)
        audit_record(
            actor=actor, action="knowledge.charter_article_move", target=article, note=direction
        )


def article_delete(*, article: CharterArticle, actor) -> None:
    section = article.section
    _editing(section.charter, actor)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="knowledge.charter_article_delete",
            target=section.charter,
            note=article.title,
        )
        article.delete()
        _renumber(list(section.articles.order_by("order", "pk")))
