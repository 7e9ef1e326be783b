"""A space covers several regions: the single `region` becomes the many-to-many `regions`.

The old field is removed in 0003, in its own transaction: PostgreSQL refuses to alter a table
in the transaction that has just inserted rows referring to it (pending trigger events).
"""

from django.db import migrations, models


def region_to_regions(apps, schema_editor):
    Space = apps.get_model("spaces", "Space")
    Link = Space.regions.through
    Link.objects.bulk_create(
        Link(space_id=space_id, region_id=region_id)
        for space_id, region_id in Space.objects.filter(region__isnull=False).values_list(
            "pk", "region_id"
        )
    )


def regions_to_region(apps, schema_editor):
    """Back to one region per space: the first by name is kept, as the old field allowed one."""
    Space = apps.get_model("spaces", "Space")
    Link = Space.regions.through
    kept = {}
    for space_id, region_id in Link.objects.order_by("region__name").values_list(
        "space_id", "region_id"
    ):
        kept.setdefault(space_id, region_id)
    for space_id, region_id in kept.items():
        Space.objects.filter(pk=space_id).update(region_id=region_id)


class Migration(migrations.Migration):
    dependencies = [
        ("spaces", "0001_initial"),
        ("territories", "0001_initial"),
    ]

    operations = [
        # Frees the reverse name `spaces` for the new field while both exist.
        migrations.AlterField(
            model_name="space",
            name="region",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=models.PROTECT,
                related_name="+",
                to="territories.region",
                verbose_name="region",
            ),
        ),
        migrations.AddField(
            model_name="space",
            name="regions",
            field=models.ManyToManyField(
                blank=True,
                help_text="The regions the space covers, in its country; none means the whole "
                "country.",
                related_name="spaces",
                to="territories.region",
                verbose_name="regions",
            ),
        ),
        migrations.RunPython(region_to_regions, regions_to_region),
    ]
