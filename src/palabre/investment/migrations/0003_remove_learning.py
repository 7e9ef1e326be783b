# The lessons and recommendations of the tools now live in the knowledge register, which copied
# them in its migration 0002.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("investment", "0002_support_kinds"),
        ("knowledge", "0002_investment_learnings"),
    ]

    operations = [migrations.DeleteModel(name="Learning")]
