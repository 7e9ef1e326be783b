from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("spaces", "0002_space_regions"),
    ]

    operations = [
        migrations.RemoveField(model_name="space", name="region"),
    ]
