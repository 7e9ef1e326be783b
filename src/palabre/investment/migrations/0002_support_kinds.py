"""The kinds of support that opportunities seek and investors offer: reference data that
matching compares, so it exists on every instance from the start."""

from django.db import migrations

KINDS = [
    ("financing", "Financement (capital, prêt)", "Financing (equity, loan)"),
    ("mentoring", "Mentorat", "Mentoring"),
    ("expertise_mission", "Mission d'expertise", "Expertise mission"),
    ("market_access", "Réseaux et accès aux marchés", "Networks and market access"),
    ("technology", "Transfert de technologie", "Technology transfer"),
    ("training", "Formation", "Training"),
]


def add_kinds(apps, schema_editor):
    SupportKind = apps.get_model("investment", "SupportKind")
    for order, (code, name_fr, name_en) in enumerate(KINDS):
        SupportKind.objects.update_or_create(
            code=code, defaults={"name_fr": name_fr, "name_en": name_en, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("investment", "0001_initial")]

    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
