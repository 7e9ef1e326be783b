"""Reading the workflow: history, comments per section, approved versions and their differences."""

import difflib
import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Approvable, ReviewComment, Revision, Transition


def _of(model, obj: Approvable) -> QuerySet:
    return model.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    )


def history_of(obj: Approvable) -> QuerySet[Transition]:
    return _of(Transition, obj).select_related("actor")


def revisions_of(obj: Approvable) -> QuerySet[Revision]:
    return _of(Revision, obj).select_related("approved_by")


def comments_of(obj: Approvable) -> QuerySet[ReviewComment]:
    return _of(ReviewComment, obj)


def comments_by_section(obj: Approvable) -> dict[str, list[ReviewComment]]:
    """Comments on the current version, keyed by section."""
    grouped: dict[str, list[ReviewComment]] = {}
    comments = comments_of(obj).filter(version=obj.version)
    for comment in comments.select_related("author", "resolved_by"):
        grouped.setdefault(comment.section, []).append(comment)
    return grouped


@dataclass
class SectionDiff:
    title: str
    status: str  # "same", "changed", "added", "removed"
    # (operation, text) pieces: operation is "same", "added" or "removed".
    pieces: list[tuple[str, str]] = field(default_factory=list)


SECTION_STATUS_LABELS = {
    "same": _("unchanged"),
    "changed": _("changed"),
    "added": _("added"),
    "removed": _("removed"),
}

_TOKENS = re.compile(r"\s+|[^\s]+")


def sections_diff(old: list, new: list) -> list[SectionDiff]:
    """Word by word difference of two lists of (key, title, text), section by section, in the
    new order followed by the sections that disappeared."""
    old_by_key = {key: (title, text) for key, title, text in old}
    new_keys = {key for key, _title, _text in new}
    result = []
    for key, title, text in new:
        if key not in old_by_key:
            result.append(SectionDiff(title, "added", [("added", text)]))
            continue
        before = old_by_key[key][1]
        if before == text:
            result.append(SectionDiff(title, "same", [("same", text)]))
            continue
        result.append(SectionDiff(title, "changed", _word_pieces(before, text)))
    for key, title, text in old:
        if key not in new_keys:
            result.append(SectionDiff(title, "removed", [("removed", text)]))
    return result


def _word_pieces(before: str, after: str) -> list[tuple[str, str]]:
    """Changed words, with the spaces between two changes folded into the change, so that a
    rewritten phrase reads as one removal and one addition rather than word-by-word confetti."""
    old_words, new_words = _TOKENS.findall(before), _TOKENS.findall(after)
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    opcodes = matcher.get_opcodes()
    pieces: list[tuple[str, str]] = []
    removed: list[str] = []
    added: list[str] = []

    def flush():
        for operation, words in (("removed", removed), ("added", added)):
            if "".join(words).strip():
                pieces.append((operation, "".join(words)))
        removed.clear()
        added.clear()

    for index, (operation, a1, a2, b1, b2) in enumerate(opcodes):
        if operation == "equal":
            text = "".join(old_words[a1:a2])
            between_changes = (removed or added) and index + 1 < len(opcodes)
            if between_changes and not text.strip():
                removed.append(text)
                added.append(text)
                continue
            flush()
            pieces.append(("same", text))
            continue
        removed.extend(old_words[a1:a2])
        added.extend(new_words[b1:b2])
    flush()
    return pieces


def diff_with_previous(obj: Approvable, version: int | None = None) -> tuple[int | None, list]:
    """The difference between `version` (default: the current content) and the approved version
    before it: (that earlier version, section diffs), or (None, []) when there is none."""
    revisions = {revision.version: revision for revision in revisions_of(obj)}
    if version is None or (version == obj.version and version not in revisions):
        new_sections, version = obj.frozen_sections(), obj.version
    else:
        new_sections = revisions[version].sections
    earlier = [number for number in revisions if number < version]
    if not earlier:
        return None, []
    previous = max(earlier)
    return previous, sections_diff(revisions[previous].sections, new_sections)
