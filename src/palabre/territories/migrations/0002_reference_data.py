from django.db import migrations


def load(apps, schema_editor):
    from palabre.territories.services import reference_data_load

    reference_data_load(
        country_model=apps.get_model("territories", "Country"),
        sector_model=apps.get_model("territories", "Sector"),
        language_model=apps.get_model("territories", "Language"),
    )


class Migration(migrations.Migration):
    dependencies = [("territories", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
