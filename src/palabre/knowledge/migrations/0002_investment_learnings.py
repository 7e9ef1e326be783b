"""The lessons and recommendations that investment kept on its tools (investment.Learning) move
into the register, linked to their tool, in the tool's space and with its visibility; who wrote
them and when is kept. Investment's next migration removes the old table."""

from django.db import migrations

TITLE_LENGTH = 200


def title_from(text: str) -> str:
    """The first words of the text: its first line, cut between two words to fit a title."""
    first_line = text.strip().splitlines()[0].strip() if text.strip() else ""
    if len(first_line) <= TITLE_LENGTH:
        return first_line or "—"
    cut = first_line[: TITLE_LENGTH - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


def copy_learning(learning, Lesson, Recommendation):
    """One learning into a lesson or a recommendation; the models are the migration's own."""
    tool = learning.tool
    common = {
        "space_id": tool.space_id,
        "title": title_from(learning.text),
        "statement": learning.text.strip(),
        "visibility": tool.visibility,
        "created_by_id": learning.created_by_id,
    }
    if learning.kind == "recommendation":
        model = Recommendation
        entry = Recommendation.objects.create(**common, addressee=learning.addressee.strip())
    else:
        model = Lesson
        entry = Lesson.objects.create(**common, learned_on=learning.created_at.date())
    entry.tools.add(tool)
    # auto_now_add set today's date; the entry keeps the day it was first written.
    model.objects.filter(pk=entry.pk).update(created_at=learning.created_at)
    return entry


def copy_learnings(apps, schema_editor):
    Learning = apps.get_model("investment", "Learning")
    Lesson = apps.get_model("knowledge", "Lesson")
    Recommendation = apps.get_model("knowledge", "Recommendation")
    for learning in Learning.objects.select_related("tool").order_by("pk"):
        copy_learning(learning, Lesson, Recommendation)


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0001_initial"),
        ("investment", "0002_support_kinds"),
    ]

    operations = [migrations.RunPython(copy_learnings, migrations.RunPython.noop)]
