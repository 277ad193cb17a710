"""The privacy notice becomes a page editors can change; its text is the one the
privacy template showed, in every language."""

from django.db import migrations

PRIVACY = {
    "en": {
        "title": "Privacy",
        "slug": "privacy",
        "body": "<p>We protect the personal data of donors and visitors as carefully as we protect the children we work for.</p>\n<h2>What we collect</h2>\n<p>This website sets no tracking or advertising cookies and loads nothing from other websites. It stores a cookie to remember your language and, when you use a donation form, a security cookie and a session cookie so that only you see your confirmation.</p>\n<p>When you become a sponsor or give a gift, we store the details you fill in: your name, contact details, address, the amount, and the bank details needed to collect or recognise your gift. If you ask for a tax certificate, we also store your national identification number, encrypted.</p>\n<h2>Why we use it</h2>\n<p>We use your details only to process your donation, send the confirmations and certificates you are entitled to, and, if you agreed, our newsletter. We never sell or share them for marketing.</p>\n<h2>Your rights</h2>\n<p>You may ask to see, correct, export or erase your data, and withdraw any consent at any time. Write to us and we will answer within one month.</p>",
    },
    "nl": {
        "title": "Privacy",
        "slug": "privacy",
        "body": "<p>We beschermen de persoonsgegevens van schenkers en bezoekers even zorgvuldig als de kinderen voor wie we werken.</p>\n<h2>Wat we verzamelen</h2>\n<p>Deze website plaatst geen tracking- of advertentiecookies en laadt niets van andere websites. Ze bewaart een cookie om je taal te onthouden en, als je een giftformulier gebruikt, een beveiligingscookie en een sessiecookie, zodat alleen jij je bevestiging ziet.</p>\n<p>Word je sponsor of doe je een gift, dan bewaren we de gegevens die je invult: je naam, contactgegevens, adres, het bedrag en de bankgegevens die nodig zijn om je gift te innen of te herkennen. Vraag je een fiscaal attest, dan bewaren we ook je rijksregisternummer of nationaal identificatienummer, versleuteld.</p>\n<h2>Waarvoor we ze gebruiken</h2>\n<p>We gebruiken je gegevens alleen om je gift te verwerken, je de bevestigingen en attesten te sturen waar je recht op hebt en, als je daarvoor toestemming gaf, onze nieuwsbrief. We verkopen ze nooit en delen ze nooit voor marketing.</p>\n<h2>Je rechten</h2>\n<p>Je kunt vragen om je gegevens in te zien, te verbeteren, te exporteren of te wissen, en je kunt elke toestemming op elk moment intrekken. Schrijf ons en we antwoorden binnen een maand.</p>",
    },
    "fr": {
        "title": "Confidentialité",
        "slug": "confidentialite",
        "body": "<p>Nous protégeons les données personnelles des donateurs et des visiteurs avec autant de soin que les enfants pour qui nous agissons.</p>\n<h2>Ce que nous collectons</h2>\n<p>Ce site ne dépose aucun cookie de suivi ou publicitaire et ne charge rien depuis d’autres sites. Il enregistre un cookie pour retenir votre langue et, quand vous utilisez un formulaire de don, un cookie de sécurité et un cookie de session, pour que votre confirmation ne s’affiche que pour vous.</p>\n<p>Lorsque vous devenez parrain ou marraine ou faites un don, nous conservons les données que vous saisissez : votre nom, vos coordonnées, votre adresse, le montant et les données bancaires nécessaires pour prélever ou identifier votre don. Si vous demandez une attestation fiscale, nous conservons aussi votre numéro d’identification national, chiffré.</p>\n<h2>Pourquoi nous les utilisons</h2>\n<p>Nous utilisons vos données uniquement pour traiter votre don, vous envoyer les confirmations et attestations auxquelles vous avez droit et, si vous l’avez accepté, notre lettre d’information. Nous ne les vendons jamais et ne les partageons jamais à des fins de marketing.</p>\n<h2>Vos droits</h2>\n<p>Vous pouvez à tout moment demander à consulter, corriger, exporter ou effacer vos données, et retirer votre consentement. Écrivez-nous : nous répondons dans un délai d’un mois.</p>",
    },
    "nb": {
        "title": "Personvern",
        "slug": "personvern",
        "body": "<p>Vi tar like godt vare på personopplysningene til givere og besøkende som på barna vi jobber for.</p>\n<h2>Hva vi samler inn</h2>\n<p>Dette nettstedet setter ingen sporings- eller reklameinformasjonskapsler og laster ingenting fra andre nettsteder. Det lagrer en informasjonskapsel som husker språket ditt, og når du bruker et giverskjema, en sikkerhetskapsel og en øktkapsel, slik at bare du ser bekreftelsen din.</p>\n<p>Når du blir fadder eller gir en gave, lagrer vi opplysningene du fyller inn: navn, kontaktinformasjon, adresse, beløp og bankopplysningene vi trenger for å trekke eller kjenne igjen gaven. Ber du om skattefradrag, lagrer vi også fødselsnummeret ditt, kryptert.</p>\n<h2>Hva vi bruker dem til</h2>\n<p>Vi bruker opplysningene dine bare til å behandle gaven din, sende deg bekreftelsene og oppgavene du har krav på, og nyhetsbrevet vårt hvis du har sagt ja til det. Vi selger dem aldri og deler dem aldri til markedsføring.</p>\n<h2>Dine rettigheter</h2>\n<p>Du kan når som helst be om innsyn i, retting, utlevering eller sletting av opplysningene dine, og trekke tilbake samtykker. Skriv til oss, så svarer vi innen en måned.</p>",
    },
    "da": {
        "title": "Privatlivspolitik",
        "slug": "privatliv",
        "body": "<p>Vi passer lige så godt på donorers og besøgendes personoplysninger, som vi passer på de børn, vi arbejder for.</p>\n<h2>Hvad vi indsamler</h2>\n<p>Dette website sætter ingen sporings- eller reklamecookies og henter intet fra andre websites. Det gemmer en cookie, der husker dit sprog, og når du bruger en donationsformular, en sikkerhedscookie og en sessionscookie, så kun du ser din bekræftelse.</p>\n<p>Når du bliver fadder eller giver en gave, gemmer vi de oplysninger, du udfylder: dit navn, dine kontaktoplysninger, din adresse, beløbet og de bankoplysninger, der skal til for at trække eller genkende din gave. Beder du om skattefradrag, gemmer vi også dit CPR-nummer, krypteret.</p>\n<h2>Hvad vi bruger dem til</h2>\n<p>Vi bruger kun dine oplysninger til at behandle din gave, sende dig de bekræftelser og attester, du har ret til, og vores nyhedsbrev, hvis du har sagt ja til det. Vi sælger dem aldrig og deler dem aldrig til markedsføring.</p>\n<h2>Dine rettigheder</h2>\n<p>Du kan til enhver tid bede om indsigt i, rettelse, udlevering eller sletning af dine oplysninger og trække dit samtykke tilbage. Skriv til os, så svarer vi inden for en måned.</p>",
    },
}


def create_privacy_page(apps, schema_editor):
    Page = apps.get_model("ngo", "Page")
    if Page.objects.filter(role="privacy").exists():
        return
    page = Page(role="privacy", published=True, placement="footer", order=90)
    for code, texts in PRIVACY.items():
        for field, value in texts.items():
            setattr(page, f"{field}_{code}", value)
    page.title, page.slug, page.body = (PRIVACY["en"][f] for f in ("title", "slug", "body"))
    page.save()


class Migration(migrations.Migration):
    dependencies = [("ngo", "0004_home_pages_footer_appeal")]

    operations = [migrations.RunPython(create_privacy_page, migrations.RunPython.noop)]
