from django.db import migrations

# Starting amounts per form and currency; fundraising staff change them in the admin.
# (kind, currency, presets, minimum, maximum)
RULES = [
    ("sponsorship", "EUR", "25 35 50", "10", "1000"),
    ("sponsorship", "NOK", "250 350 500", "100", "10000"),
    ("sponsorship", "DKK", "150 250 400", "75", "7500"),
    ("gift", "EUR", "25 50 100", "5", "10000"),
    ("gift", "NOK", "250 500 1000", "50", "100000"),
    ("gift", "DKK", "200 400 800", "40", "75000"),
]


def add_rules(apps, schema_editor):
    AmountRule = apps.get_model("donations", "AmountRule")
    for kind, currency, presets, minimum, maximum in RULES:
        AmountRule.objects.get_or_create(
            kind=kind,
            currency=currency,
            defaults={"presets": presets, "minimum": minimum, "maximum": maximum},
        )


class Migration(migrations.Migration):
    dependencies = [("donations", "0001_initial")]

    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]
