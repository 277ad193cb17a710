from django.db import migrations

# The 17 goals with their official short names (en, nl, fr, nb, da).
GOALS = [
    (1, "No poverty", "Geen armoede", "Pas de pauvreté", "Utrydde fattigdom", "Afskaf fattigdom"),
    (2, "Zero hunger", "Geen honger", "Faim « zéro »", "Utrydde sult", "Stop sult"),
    (
        3,
        "Good health and well-being",
        "Goede gezondheid en welzijn",
        "Bonne santé et bien-être",
        "God helse og livskvalitet",
        "Sundhed og trivsel",
    ),
    (
        4,
        "Quality education",
        "Kwaliteitsonderwijs",
        "Éducation de qualité",
        "God utdanning",
        "Kvalitetsuddannelse",
    ),
    (
        5,
        "Gender equality",
        "Gendergelijkheid",
        "Égalité entre les sexes",
        "Likestilling mellom kjønnene",
        "Ligestilling mellem kønnene",
    ),
    (
        6,
        "Clean water and sanitation",
        "Schoon water en sanitair",
        "Eau propre et assainissement",
        "Rent vann og gode sanitærforhold",
        "Rent vand og sanitet",
    ),
    (
        7,
        "Affordable and clean energy",
        "Betaalbare en duurzame energie",
        "Énergie propre et d'un coût abordable",
        "Ren energi til alle",
        "Bæredygtig energi",
    ),
    (
        8,
        "Decent work and economic growth",
        "Waardig werk en economische groei",
        "Travail décent et croissance économique",
        "Anstendig arbeid og økonomisk vekst",
        "Anstændige jobs og økonomisk vækst",
    ),
    (
        9,
        "Industry, innovation and infrastructure",
        "Industrie, innovatie en infrastructuur",
        "Industrie, innovation et infrastructure",
        "Innovasjon og infrastruktur",
        "Industri, innovation og infrastruktur",
    ),
    (
        10,
        "Reduced inequalities",
        "Ongelijkheid verminderen",
        "Inégalités réduites",
        "Mindre ulikhet",
        "Mindre ulighed",
    ),
    (
        11,
        "Sustainable cities and communities",
        "Duurzame steden en gemeenschappen",
        "Villes et communautés durables",
        "Bærekraftige byer og lokalsamfunn",
        "Bæredygtige byer og lokalsamfund",
    ),
    (
        12,
        "Responsible consumption and production",
        "Verantwoorde consumptie en productie",
        "Consommation et production responsables",
        "Ansvarlig forbruk og produksjon",
        "Ansvarligt forbrug og produktion",
    ),
    (
        13,
        "Climate action",
        "Klimaatactie",
        "Lutte contre les changements climatiques",
        "Stoppe klimaendringene",
        "Klimaindsats",
    ),
    (
        14,
        "Life below water",
        "Leven in het water",
        "Vie aquatique",
        "Liv under vann",
        "Livet i havet",
    ),
    (15, "Life on land", "Leven op het land", "Vie terrestre", "Liv på land", "Livet på land"),
    (
        16,
        "Peace, justice and strong institutions",
        "Vrede, justitie en sterke publieke diensten",
        "Paix, justice et institutions efficaces",
        "Fred, rettferdighet og velfungerende institusjoner",
        "Fred, retfærdighed og stærke institutioner",
    ),
    (
        17,
        "Partnerships for the goals",
        "Partnerschap om doelstellingen te bereiken",
        "Partenariats pour la réalisation des objectifs",
        "Samarbeid for å nå målene",
        "Partnerskaber for handling",
    ),
]


def load_goals(apps, schema_editor):
    Goal = apps.get_model("programmes", "SustainableDevelopmentGoal")
    for number, en, nl, fr, nb, da in GOALS:
        Goal.objects.update_or_create(
            number=number,
            defaults={
                "name": en,
                "name_en": en,
                "name_nl": nl,
                "name_fr": fr,
                "name_nb": nb,
                "name_da": da,
            },
        )


def unload_goals(apps, schema_editor):
    apps.get_model("programmes", "SustainableDevelopmentGoal").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial")]

    operations = [migrations.RunPython(load_goals, unload_goals)]
