"""Demo programmes and projects, written for this site in five languages.

Facts and figures come from public pages of child-rights organisations; the
sentences are our own. Every text is a tuple (en, nl, fr, nb, da).
"""

from datetime import date

from django.core.management.base import BaseCommand

from ngo.management.demo import demo_photo, set_translations
from programmes.models import Funder, Programme, Project, SustainableDevelopmentGoal

PROGRAMMES = [
    {
        "order": 1,
        "colour": (11, 95, 138),
        "title": (
            "Strengthening families",
            "Gezinnen versterken",
            "Renforcer les familles",
            "Styrke familier",
            "Styrke familier",
        ),
        "slug": (
            "strengthening-families",
            "gezinnen-versterken",
            "renforcer-les-familles",
            "styrke-familier",
            "styrke-familier",
        ),
        "summary": (
            "When children risk losing the care of their parents, we help the family stay together and grow stronger.",
            "Dreigen kinderen de zorg van hun ouders te verliezen, dan helpen we het gezin samen te blijven en sterker te worden.",
            "Quand des enfants risquent de perdre la protection de leurs parents, nous aidons la famille à rester unie et à se renforcer.",
            "Når barn står i fare for å miste omsorgen fra foreldrene, hjelper vi familien å holde sammen og bli sterkere.",
            "Når børn risikerer at miste omsorgen fra deres forældre, hjælper vi familien med at holde sammen og blive stærkere.",
        ),
        "body": (
            "<p>Most children who lose parental care still have a family that could care for them with the right help at the right time. We work with parents on income, parenting and health, and with local services so that help arrives before a crisis.</p>",
            "<p>De meeste kinderen die ouderlijke zorg verliezen, hebben nog familie die voor hen kan zorgen, met de juiste hulp op het juiste moment. We werken met ouders aan inkomen, opvoeding en gezondheid, en met lokale diensten, zodat hulp er is vóór een crisis.</p>",
            "<p>La plupart des enfants privés de soins parentaux ont encore une famille capable de s'occuper d'eux, avec la bonne aide au bon moment. Nous travaillons avec les parents sur les revenus, l'éducation et la santé, et avec les services locaux pour que l'aide arrive avant la crise.</p>",
            "<p>De fleste barn som mister omsorgen fra foreldrene, har fortsatt familie som kan ta vare på dem, med rett hjelp til rett tid. Vi jobber med foreldre om inntekt, foreldrerollen og helse, og med lokale tjenester slik at hjelpen kommer før krisen.</p>",
            "<p>De fleste børn, der mister forældreomsorg, har stadig en familie, der kan tage sig af dem med den rette hjælp i rette tid. Vi arbejder med forældre om indkomst, forældrerollen og sundhed og med lokale myndigheder, så hjælpen kommer før krisen.</p>",
        ),
        "principles": [
            (
                (
                    "Help at the right time",
                    "Hulp op het juiste moment",
                    "De l'aide au bon moment",
                    "Rett hjelp til rett tid",
                    "Hjælp i rette tid",
                ),
                (
                    "We reach families early, before separation becomes the only option.",
                    "We bereiken gezinnen vroeg, voordat scheiding de enige uitweg lijkt.",
                    "Nous rejoignons les familles tôt, avant que la séparation ne semble la seule issue.",
                    "Vi når familiene tidlig, før atskillelse blir eneste utvei.",
                    "Vi når familierne tidligt, før adskillelse bliver den eneste udvej.",
                ),
            ),
            (
                (
                    "Parents lead",
                    "Ouders aan het roer",
                    "Les parents aux commandes",
                    "Foreldrene leder",
                    "Forældrene har roret",
                ),
                (
                    "Parents set their own goals; we support them until they can do without us.",
                    "Ouders bepalen zelf hun doelen; wij steunen hen tot ze ons niet meer nodig hebben.",
                    "Les parents fixent leurs propres objectifs ; nous les soutenons jusqu'à ce qu'ils n'aient plus besoin de nous.",
                    "Foreldrene setter sine egne mål, og vi støtter dem til de klarer seg uten oss.",
                    "Forældrene sætter selv deres mål, og vi støtter dem, indtil de kan klare sig uden os.",
                ),
            ),
            (
                (
                    "Rooted in the community",
                    "Geworteld in de buurt",
                    "Ancrés dans la communauté",
                    "Forankret i lokalsamfunnet",
                    "Forankret i lokalsamfundet",
                ),
                (
                    "Schools, health workers and neighbours are part of the safety net around each child.",
                    "Scholen, zorgverleners en buren horen bij het vangnet rond elk kind.",
                    "Écoles, soignants et voisins font partie du filet de sécurité autour de chaque enfant.",
                    "Skoler, helsearbeidere og naboer er en del av sikkerhetsnettet rundt hvert barn.",
                    "Skoler, sundhedspersonale og naboer er en del af sikkerhedsnettet omkring hvert barn.",
                ),
            ),
        ],
        "figures": [
            (
                ("138", "138", "138", "138", "138"),
                (
                    "countries where we work",
                    "landen waar we werken",
                    "pays où nous agissons",
                    "land der vi jobber",
                    "lande, hvor vi arbejder",
                ),
            ),
            (
                ("70 years", "70 jaar", "70 ans", "70 år", "70 år"),
                (
                    "of experience with children and families",
                    "ervaring met kinderen en gezinnen",
                    "d'expérience auprès des enfants et des familles",
                    "erfaring med barn og familier",
                    "erfaring med børn og familier",
                ),
            ),
        ],
    },
    {
        "order": 2,
        "colour": (30, 107, 58),
        "title": (
            "New families",
            "Nieuwe families",
            "De nouvelles familles",
            "Nye familier",
            "Nye familier",
        ),
        "slug": (
            "new-families",
            "nieuwe-families",
            "nouvelles-familles",
            "nye-familier",
            "nye-familier",
        ),
        "summary": (
            "When a child can not live with their own family, we build a new one around them: stable, loving and for the long term.",
            "Kan een kind niet bij de eigen familie wonen, dan bouwen we een nieuwe rond hem of haar: stabiel, liefdevol en voor lange tijd.",
            "Quand un enfant ne peut pas vivre avec sa famille, nous construisons autour de lui une nouvelle famille : stable, aimante et durable.",
            "Når et barn ikke kan bo med sin egen familie, bygger vi en ny rundt barnet: stabil, kjærlig og varig.",
            "Når et barn ikke kan bo hos sin egen familie, bygger vi en ny op omkring barnet: stabil, kærlig og varig.",
        ),
        "body": (
            "<p>A new family can take many forms: a family home in a village, a professional foster parent, or a small group with caregivers who stay. What counts is a lasting relationship built on love, safety and respect.</p><p>We work in line with the UN Guidelines for the Alternative Care of Children, which we helped to write.</p>",
            "<p>Een nieuwe familie kan vele vormen aannemen: een gezinswoning in een dorp, een professionele pleegouder of een kleine groep met vaste begeleiders. Wat telt, is een duurzame band, gebouwd op liefde, veiligheid en respect.</p><p>We werken volgens de VN-richtlijnen voor alternatieve zorg voor kinderen, die we zelf mee hebben opgesteld.</p>",
            "<p>Une nouvelle famille peut prendre bien des formes : une maison familiale dans un village, un parent d'accueil professionnel ou un petit groupe avec des éducateurs qui restent. L'essentiel est un lien durable, fondé sur l'amour, la sécurité et le respect.</p><p>Nous suivons les Lignes directrices des Nations unies relatives à la protection de remplacement pour les enfants, que nous avons contribué à rédiger.</p>",
            "<p>En ny familie kan ha mange former: et familiehjem i en landsby, en profesjonell fosterforelder eller en liten gruppe med faste omsorgspersoner. Det viktigste er en varig relasjon bygget på kjærlighet, trygghet og respekt.</p><p>Vi følger FNs retningslinjer for alternativ omsorg for barn, som vi selv var med på å utforme.</p>",
            "<p>En ny familie kan tage mange former: et familiehjem i en landsby, en professionel plejeforælder eller en lille gruppe med faste omsorgspersoner. Det afgørende er en varig relation bygget på kærlighed, tryghed og respekt.</p><p>Vi arbejder efter FN's retningslinjer for alternativ omsorg for børn, som vi selv var med til at udforme.</p>",
        ),
        "principles": [
            (
                (
                    "Brothers and sisters stay together",
                    "Broers en zussen blijven samen",
                    "Frères et sœurs restent ensemble",
                    "Søsken bor sammen",
                    "Søskende bliver sammen",
                ),
                (
                    "Siblings matter to each other today and for the rest of their lives.",
                    "Broers en zussen zijn belangrijk voor elkaar, vandaag en de rest van hun leven.",
                    "Les frères et sœurs comptent les uns pour les autres, aujourd'hui et toute leur vie.",
                    "Søsken betyr mye for hverandre, i dag og resten av livet.",
                    "Søskende betyder meget for hinanden, i dag og resten af livet.",
                ),
            ),
            (
                (
                    "Respect for the family of origin",
                    "Respect voor de eigen familie",
                    "Respect de la famille d'origine",
                    "Respekt for den opprinnelige familien",
                    "Respekt for den oprindelige familie",
                ),
                (
                    "Parents and grandparents stay involved in the child's life wherever possible.",
                    "Ouders en grootouders blijven waar mogelijk betrokken bij het leven van het kind.",
                    "Parents et grands-parents restent impliqués dans la vie de l'enfant autant que possible.",
                    "Foreldre og besteforeldre er med i barnets liv så langt det er mulig.",
                    "Forældre og bedsteforældre forbliver en del af barnets liv, så vidt det er muligt.",
                ),
            ),
            (
                (
                    "Connected to the local community",
                    "Verbonden met de buurt",
                    "Reliés à la communauté locale",
                    "Knyttet til lokalsamfunnet",
                    "Forbundet med lokalsamfundet",
                ),
                (
                    "Children go to local schools and clubs; they do not grow up on an island.",
                    "Kinderen gaan naar de school en de club in de buurt; ze groeien niet op op een eiland.",
                    "Les enfants fréquentent l'école et les clubs du quartier ; ils ne grandissent pas sur une île.",
                    "Barna går på skole og fritidsaktiviteter i nærmiljøet; de vokser ikke opp på en øy.",
                    "Børnene går i skole og til fritidsaktiviteter i lokalområdet; de vokser ikke op på en øde ø.",
                ),
            ),
            (
                (
                    "Care without conditions",
                    "Zorg zonder voorwaarden",
                    "Des soins sans conditions",
                    "Omsorg uten betingelser",
                    "Omsorg uden betingelser",
                ),
                (
                    "Children do not have to earn their place, also when they make mistakes or turn eighteen.",
                    "Kinderen hoeven hun plek niet te verdienen, ook niet als ze fouten maken of achttien worden.",
                    "Les enfants n'ont pas à mériter leur place, même quand ils se trompent ou atteignent dix-huit ans.",
                    "Barna trenger ikke å gjøre seg fortjent til plassen sin, heller ikke når de gjør feil eller fyller 18.",
                    "Børnene skal ikke gøre sig fortjent til deres plads, heller ikke når de laver fejl eller fylder 18.",
                ),
            ),
        ],
        "figures": [
            (
                ("42", "42", "42", "42", "42"),
                (
                    "member organisations worldwide",
                    "lidorganisaties wereldwijd",
                    "organisations membres dans le monde",
                    "medlemsorganisasjoner i verden",
                    "medlemsorganisationer i verden",
                ),
            ),
            (
                ("1 in 10", "1 op 10", "1 sur 10", "1 av 10", "1 ud af 10"),
                (
                    "children worldwide grow up without parental care or at risk of losing it",
                    "kinderen wereldwijd groeit op zonder ouderlijke zorg of dreigt die te verliezen",
                    "enfants dans le monde grandit sans soins parentaux ou risque de les perdre",
                    "barn i verden vokser opp uten omsorg fra foreldre eller står i fare for å miste den",
                    "børn i verden vokser op uden forældreomsorg eller risikerer at miste den",
                ),
            ),
        ],
    },
    {
        "order": 3,
        "colour": (122, 70, 140),
        "title": (
            "Youth on their way",
            "Jongeren op weg",
            "Les jeunes vers l'autonomie",
            "Ungdom på vei",
            "Unge på vej",
        ),
        "slug": (
            "youth-on-their-way",
            "jongeren-op-weg",
            "jeunes-vers-autonomie",
            "ungdom-pa-vei",
            "unge-pa-vej",
        ),
        "summary": (
            "Family does not stop at eighteen. We support young people leaving care until they stand on their own feet.",
            "Familie stopt niet op je achttiende. We steunen jongeren die de jeugdhulp verlaten tot ze op eigen benen staan.",
            "La famille ne s'arrête pas à dix-huit ans. Nous accompagnons les jeunes qui quittent la protection de l'enfance jusqu'à leur autonomie.",
            "Familie tar ikke slutt ved 18 år. Vi støtter ungdom som forlater barnevernet til de står på egne ben.",
            "Familie stopper ikke ved 18 år. Vi støtter unge, der forlader anbringelse, indtil de står på egne ben.",
        ),
        "body": (
            "<p>Young people leaving care often have to manage on their own far earlier than their peers. We offer housing support, mentors, training and help with the first job, for as long as they need it.</p>",
            "<p>Jongeren uit de jeugdhulp moeten vaak veel vroeger hun plan trekken dan hun leeftijdsgenoten. We bieden hulp bij wonen, mentoren, opleiding en steun bij de eerste job, zolang het nodig is.</p>",
            "<p>Les jeunes qui sortent de la protection de l'enfance doivent souvent se débrouiller seuls bien plus tôt que les autres. Nous proposons un soutien au logement, des mentors, des formations et de l'aide pour le premier emploi, aussi longtemps que nécessaire.</p>",
            "<p>Ungdom som forlater barnevernet må ofte klare seg selv mye tidligere enn jevnaldrende. Vi tilbyr hjelp med bolig, mentorer, opplæring og støtte i den første jobben, så lenge de trenger det.</p>",
            "<p>Unge, der forlader en anbringelse, skal ofte klare sig selv meget tidligere end deres jævnaldrende. Vi tilbyder hjælp til bolig, mentorer, uddannelse og støtte i det første job, så længe de har brug for det.</p>",
        ),
        "principles": [
            (
                (
                    "Young people have a say",
                    "Jongeren hebben inspraak",
                    "Les jeunes ont leur mot à dire",
                    "Ungdom har en stemme",
                    "De unge har medbestemmelse",
                ),
                (
                    "Every plan is made with the young person, not for them.",
                    "Elk plan wordt samen met de jongere gemaakt, niet voor hem of haar.",
                    "Chaque projet est construit avec le jeune, et non à sa place.",
                    "Hver plan lages sammen med ungdommen, ikke for dem.",
                    "Hver plan laves sammen med den unge, ikke for den unge.",
                ),
            ),
            (
                (
                    "Step by step",
                    "Stap voor stap",
                    "Pas à pas",
                    "Steg for steg",
                    "Skridt for skridt",
                ),
                (
                    "Independence grows gradually, with support that fades out rather than stops.",
                    "Zelfstandigheid groeit geleidelijk, met steun die afbouwt in plaats van stopt.",
                    "L'autonomie se construit peu à peu, avec un soutien qui diminue au lieu de s'arrêter net.",
                    "Selvstendighet vokser gradvis, med støtte som trappes ned i stedet for å stoppe brått.",
                    "Selvstændighed vokser gradvist, med støtte der trappes ned i stedet for at stoppe brat.",
                ),
            ),
        ],
        "figures": [
            (
                ("18+", "18+", "18+", "18+", "18+"),
                (
                    "support continues after the age of eighteen",
                    "steun loopt door na de leeftijd van achttien",
                    "le soutien continue après dix-huit ans",
                    "støtten fortsetter etter fylte 18",
                    "støtten fortsætter efter de 18 år",
                ),
            ),
        ],
    },
    {
        "order": 4,
        "colour": (180, 60, 40),
        "title": ("Emergency relief", "Noodhulp", "Aide d'urgence", "Nødhjelp", "Nødhjælp"),
        "slug": ("emergency-relief", "noodhulp", "aide-d-urgence", "nodhjelp", "nodhjaelp"),
        "summary": (
            "In war and disaster we protect the most vulnerable children and keep families together.",
            "Bij oorlog en rampen beschermen we de kwetsbaarste kinderen en houden we gezinnen samen.",
            "En cas de guerre ou de catastrophe, nous protégeons les enfants les plus vulnérables et gardons les familles unies.",
            "I krig og katastrofer beskytter vi de mest sårbare barna og holder familier samlet.",
            "Under krig og katastrofer beskytter vi de mest sårbare børn og holder familier samlet.",
        ),
        "body": (
            "<p>Because we are already present in 138 countries, we can act quickly when a natural disaster or conflict strikes. We set up safe spaces for children, trace and reunite separated families, and stay on to rebuild once the cameras have left.</p>",
            "<p>Omdat we al in 138 landen aanwezig zijn, kunnen we snel handelen bij een natuurramp of conflict. We richten veilige plekken voor kinderen in, zoeken gescheiden gezinnen op en brengen ze weer samen, en we blijven om mee te herbouwen als de camera's weg zijn.</p>",
            "<p>Présents dans 138 pays, nous pouvons agir vite lorsqu'une catastrophe naturelle ou un conflit survient. Nous créons des espaces sûrs pour les enfants, retrouvons et réunissons les familles séparées, et restons pour reconstruire une fois les caméras parties.</p>",
            "<p>Fordi vi allerede er til stede i 138 land, kan vi handle raskt når en naturkatastrofe eller konflikt rammer. Vi oppretter trygge steder for barn, sporer opp og gjenforener familier som er skilt fra hverandre, og blir værende for å bygge opp igjen når kameraene har dratt.</p>",
            "<p>Fordi vi allerede er til stede i 138 lande, kan vi handle hurtigt, når en naturkatastrofe eller en konflikt rammer. Vi opretter trygge steder for børn, opsporer og genforener adskilte familier og bliver for at genopbygge, når kameraerne er rejst.</p>",
        ),
        "principles": [
            (
                (
                    "Children first",
                    "Kinderen eerst",
                    "Les enfants d'abord",
                    "Barna først",
                    "Børnene først",
                ),
                (
                    "Safety of children is an absolute priority in everything we do in a crisis.",
                    "De veiligheid van kinderen is een absolute prioriteit in alles wat we in een crisis doen.",
                    "La sécurité des enfants est une priorité absolue dans tout ce que nous faisons en situation de crise.",
                    "Barns sikkerhet er en absolutt prioritet i alt vi gjør i en krise.",
                    "Børns sikkerhed er en absolut prioritet i alt, hvad vi gør i en krise.",
                ),
            ),
            (
                (
                    "Keep families together",
                    "Gezinnen samenhouden",
                    "Garder les familles unies",
                    "Hold familier samlet",
                    "Hold familier samlet",
                ),
                (
                    "No child should be separated from their family by an emergency.",
                    "Geen enkel kind mag door een noodsituatie van zijn familie gescheiden worden.",
                    "Aucun enfant ne devrait être séparé de sa famille par une situation d'urgence.",
                    "Ingen barn skal skilles fra familien sin på grunn av en krise.",
                    "Intet barn skal adskilles fra sin familie på grund af en nødsituation.",
                ),
            ),
        ],
        "figures": [
            (
                ("138", "138", "138", "138", "138"),
                (
                    "countries with local teams ready to respond",
                    "landen met lokale teams die klaarstaan",
                    "pays avec des équipes locales prêtes à intervenir",
                    "land med lokale team klare til innsats",
                    "lande med lokale hold klar til indsats",
                ),
            ),
        ],
    },
]

FUNDERS = {
    "eu": {
        "name": (
            "European Union, international partnerships (DG INTPA)",
            "Europese Unie, internationale partnerschappen (DG INTPA)",
            "Union européenne, partenariats internationaux (DG INTPA)",
            "EU, internasjonale partnerskap (DG INTPA)",
            "EU, internationale partnerskaber (DG INTPA)",
        ),
        "url": "https://international-partnerships.ec.europa.eu/",
    },
    "horizon": {
        "name": (
            "Horizon Family Foundation",
            "Stichting Horizon Gezin",
            "Fondation Horizon Famille",
            "Stiftelsen Horisont Familie",
            "Fonden Horisont Familie",
        ),
        "url": "",
    },
    "nordic": {
        "name": (
            "Nordic Children's Trust",
            "Noords Kinderfonds",
            "Fonds nordique pour l'enfance",
            "Nordisk barnefond",
            "Nordisk Børnefond",
        ),
        "url": "",
    },
}

PROJECTS = [
    {
        "programme": "strengthening-families",
        "countries": ["CN"],
        "start": date(2019, 1, 1),
        "end": None,
        "funders": ["eu"],
        "sdgs": [1, 10, 16, 17],
        "open": False,
        "colour": (200, 120, 30),
        "name": (
            "Child-sensitive community services for vulnerable girls and boys in China",
            "Kindvriendelijke sociale diensten voor kwetsbare meisjes en jongens in China",
            "Des services sociaux adaptés aux enfants pour les filles et garçons vulnérables en Chine",
            "Barnevennlige sosiale tjenester for sårbare jenter og gutter i Kina",
            "Børnevenlige sociale tjenester for udsatte piger og drenge i Kina",
        ),
        "slug": (
            "child-sensitive-services-china",
            "kindvriendelijke-diensten-china",
            "services-adaptes-aux-enfants-chine",
            "barnevennlige-tjenester-kina",
            "boernevenlige-tjenester-kina",
        ),
        "places": (
            "Nanjing and Guizhou",
            "Nanjing en Guizhou",
            "Nanjing et Guizhou",
            "Nanjing og Guizhou",
            "Nanjing og Guizhou",
        ),
        "summary": (
            "Local civil-society organisations and authorities work together to protect children, with training in child rights and child protection.",
            "Lokale middenveldorganisaties en overheden werken samen om kinderen te beschermen, met opleidingen over kinderrechten en kinderbescherming.",
            "Associations locales et autorités collaborent pour protéger les enfants, avec des formations aux droits et à la protection de l'enfant.",
            "Lokale organisasjoner i sivilsamfunnet og myndighetene samarbeider om å beskytte barn, med opplæring i barns rettigheter og barnevern.",
            "Lokale civilsamfundsorganisationer og myndigheder arbejder sammen om at beskytte børn, med uddannelse i børns rettigheder og børnebeskyttelse.",
        ),
        "body": (
            "<p>In 2019 an alliance for child protection was formed with local organisations in both provinces. It spreads knowledge of children's rights through courses, workshops and seminars, and builds online training so the work can go on when meetings are not possible.</p>",
            "<p>In 2019 ontstond in beide provincies een alliantie voor kinderbescherming met lokale organisaties. Ze verspreidt kennis over kinderrechten via cursussen, workshops en seminaries, en bouwt onlineopleidingen uit, zodat het werk doorgaat als bijeenkomsten niet kunnen.</p>",
            "<p>En 2019, une alliance pour la protection de l'enfance a vu le jour avec des associations locales dans les deux provinces. Elle diffuse la connaissance des droits de l'enfant par des cours, des ateliers et des séminaires, et développe des formations en ligne pour que le travail continue lorsque les réunions sont impossibles.</p>",
            "<p>I 2019 ble det dannet en allianse for barnevern med lokale organisasjoner i begge provinsene. Den sprer kunnskap om barns rettigheter gjennom kurs, verksteder og seminarer, og bygger ut nettbasert opplæring slik at arbeidet kan fortsette når man ikke kan møtes.</p>",
            "<p>I 2019 blev der dannet en alliance for børnebeskyttelse med lokale organisationer i begge provinser. Den udbreder kendskabet til børns rettigheder gennem kurser, workshops og seminarer og udvikler onlinekurser, så arbejdet kan fortsætte, når man ikke kan mødes.</p>",
        ),
        "goals": [
            (
                "Improve the well-being and rights of vulnerable girls and boys",
                "Het welzijn en de rechten van kwetsbare meisjes en jongens verbeteren",
                "Améliorer le bien-être et les droits des filles et garçons vulnérables",
                "Bedre trivselen og rettighetene til sårbare jenter og gutter",
                "Forbedre udsatte pigers og drenges trivsel og rettigheder",
            ),
            (
                "Train local staff in child rights, participation, protection and gender equality",
                "Lokale medewerkers opleiden in kinderrechten, participatie, bescherming en gendergelijkheid",
                "Former le personnel local aux droits de l'enfant, à la participation, à la protection et à l'égalité des genres",
                "Lære opp lokalt ansatte i barns rettigheter, medvirkning, beskyttelse og likestilling",
                "Uddanne lokale medarbejdere i børns rettigheder, deltagelse, beskyttelse og ligestilling",
            ),
            (
                "Open a dialogue between local organisations and government",
                "Een dialoog openen tussen lokale organisaties en de overheid",
                "Ouvrir le dialogue entre associations locales et pouvoirs publics",
                "Skape dialog mellom lokale organisasjoner og myndighetene",
                "Skabe dialog mellem lokale organisationer og myndighederne",
            ),
        ],
        "reach": [
            (
                ("250", "250", "250", "250", "250"),
                (
                    "local staff trained in child protection",
                    "lokale medewerkers opgeleid in kinderbescherming",
                    "employés locaux formés à la protection de l'enfance",
                    "lokalt ansatte opplært i barnevern",
                    "lokale medarbejdere uddannet i børnebeskyttelse",
                ),
                "reached",
                2021,
            ),
            (
                ("over 5,000", "meer dan 5.000", "plus de 5 000", "over 5000", "over 5.000"),
                (
                    "girls and boys reached",
                    "meisjes en jongens bereikt",
                    "filles et garçons touchés",
                    "jenter og gutter nådd",
                    "piger og drenge nået",
                ),
                "reached",
                2021,
            ),
            (
                ("millions", "miljoenen", "des millions", "millioner", "millioner"),
                (
                    "children expected to benefit",
                    "kinderen die er naar verwachting baat bij hebben",
                    "d'enfants devraient en bénéficier",
                    "barn forventes å få nytte av prosjektet",
                    "børn forventes at få gavn af projektet",
                ),
                "target",
                None,
            ),
        ],
    },
    {
        "programme": "strengthening-families",
        "countries": ["BE"],
        "start": date(2021, 9, 1),
        "end": None,
        "funders": ["horizon"],
        "sdgs": [1, 3, 10],
        "open": True,
        "colour": (11, 95, 138),
        "name": (
            "Family coaching at home in Antwerp",
            "Gezinscoaching aan huis in Antwerpen",
            "Accompagnement familial à domicile à Anvers",
            "Familieveiledning hjemme i Antwerpen",
            "Familievejledning i hjemmet i Antwerpen",
        ),
        "slug": (
            "family-coaching-antwerp",
            "gezinscoaching-antwerpen",
            "accompagnement-familial-anvers",
            "familieveiledning-antwerpen",
            "familievejledning-antwerpen",
        ),
        "places": (
            "Antwerp and Mechelen",
            "Antwerpen en Mechelen",
            "Anvers et Malines",
            "Antwerpen og Mechelen",
            "Antwerpen og Mechelen",
        ),
        "summary": (
            "Coaches visit families under pressure every week, so that children can keep growing up at home.",
            "Coaches bezoeken gezinnen onder druk elke week, zodat kinderen thuis kunnen blijven opgroeien.",
            "Des coachs rendent visite chaque semaine aux familles en difficulté, pour que les enfants puissent continuer à grandir chez eux.",
            "Veiledere besøker familier under press hver uke, slik at barna kan fortsette å vokse opp hjemme.",
            "Vejledere besøger familier under pres hver uge, så børnene kan blive ved med at vokse op derhjemme.",
        ),
        "body": (
            "<p>Each family works with one coach for up to eighteen months, on the goals the parents choose: a calmer daily routine, debts, school, or finding their way to other services.</p>",
            "<p>Elk gezin werkt tot achttien maanden met één vaste coach, aan de doelen die de ouders kiezen: meer rust in het dagelijkse leven, schulden, school of de weg naar andere diensten.</p>",
            "<p>Chaque famille travaille jusqu'à dix-huit mois avec un même coach, sur les objectifs choisis par les parents : un quotidien plus serein, les dettes, l'école ou l'accès à d'autres services.</p>",
            "<p>Hver familie jobber med én fast veileder i opptil atten måneder, med mål foreldrene selv velger: en roligere hverdag, gjeld, skole eller veien til andre tjenester.</p>",
            "<p>Hver familie arbejder med én fast vejleder i op til atten måneder med de mål, forældrene selv vælger: en roligere hverdag, gæld, skole eller vejen til andre tilbud.</p>",
        ),
        "goals": [
            (
                "Prevent children from being placed outside their family",
                "Voorkomen dat kinderen buiten hun gezin geplaatst worden",
                "Éviter le placement des enfants hors de leur famille",
                "Forebygge at barn plasseres utenfor familien",
                "Forebygge at børn anbringes uden for familien",
            ),
            (
                "Help parents find lasting support in their neighbourhood",
                "Ouders helpen duurzame steun te vinden in hun buurt",
                "Aider les parents à trouver un soutien durable dans leur quartier",
                "Hjelpe foreldre å finne varig støtte i nabolaget",
                "Hjælpe forældre med at finde varig støtte i deres nabolag",
            ),
        ],
        "reach": [
            (
                ("120", "120", "120", "120", "120"),
                (
                    "families coached",
                    "gezinnen begeleid",
                    "familles accompagnées",
                    "familier fulgt opp",
                    "familier vejledt",
                ),
                "reached",
                2024,
            ),
            (
                ("9 out of 10", "9 op 10", "9 sur 10", "9 av 10", "9 ud af 10"),
                (
                    "children still living at home a year later",
                    "kinderen wonen een jaar later nog thuis",
                    "enfants vivent toujours chez eux un an plus tard",
                    "barn bor fortsatt hjemme ett år etter",
                    "børn bor stadig hjemme et år efter",
                ),
                "reached",
                2024,
            ),
        ],
    },
    {
        "programme": "new-families",
        "countries": ["BE"],
        "start": date(2016, 3, 1),
        "end": None,
        "funders": ["horizon"],
        "sdgs": [3, 4, 10],
        "open": True,
        "colour": (30, 107, 58),
        "name": (
            "Family homes in the province of Liège",
            "Gezinshuizen in de provincie Luik",
            "Maisons familiales en province de Liège",
            "Familiehjem i provinsen Liège",
            "Familiehjem i provinsen Liège",
        ),
        "slug": (
            "family-homes-liege",
            "gezinshuizen-luik",
            "maisons-familiales-liege",
            "familiehjem-liege",
            "familiehjem-liege",
        ),
        "places": (
            "Liège and Verviers",
            "Luik en Verviers",
            "Liège et Verviers",
            "Liège og Verviers",
            "Liège og Verviers",
        ),
        "summary": (
            "Brothers and sisters who can not live with their parents grow up together in a family home, with caregivers who stay.",
            "Broers en zussen die niet bij hun ouders kunnen wonen, groeien samen op in een gezinshuis, met begeleiders die blijven.",
            "Des frères et sœurs qui ne peuvent pas vivre avec leurs parents grandissent ensemble dans une maison familiale, avec des éducateurs qui restent.",
            "Søsken som ikke kan bo med foreldrene sine, vokser opp sammen i et familiehjem med omsorgspersoner som blir.",
            "Søskende, der ikke kan bo hos deres forældre, vokser op sammen i et familiehjem med omsorgspersoner, der bliver.",
        ),
        "body": (
            "<p>Each house is home to one group of siblings and their caregivers. The children keep in touch with their parents, go to the local school and take part in the life of the village.</p>",
            "<p>Elk huis is de thuis van één groep broers en zussen en hun begeleiders. De kinderen houden contact met hun ouders, gaan naar de school in het dorp en doen mee aan het dorpsleven.</p>",
            "<p>Chaque maison accueille une fratrie et ses éducateurs. Les enfants gardent le contact avec leurs parents, vont à l'école du village et participent à la vie locale.</p>",
            "<p>Hvert hus er hjemmet til én søskenflokk og omsorgspersonene deres. Barna holder kontakt med foreldrene, går på den lokale skolen og deltar i livet i bygda.</p>",
            "<p>Hvert hus er hjem for én søskendeflok og deres omsorgspersoner. Børnene holder kontakt med deres forældre, går i den lokale skole og er en del af livet i byen.</p>",
        ),
        "goals": [
            (
                "Keep every group of siblings together",
                "Elke groep broers en zussen samenhouden",
                "Garder chaque fratrie unie",
                "Holde hver søskenflokk samlet",
                "Holde hver søskendeflok samlet",
            ),
            (
                "Give each child one stable caregiver for the long term",
                "Elk kind één vaste begeleider voor lange tijd geven",
                "Offrir à chaque enfant une personne de référence stable sur la durée",
                "Gi hvert barn én stabil omsorgsperson over tid",
                "Give hvert barn én stabil omsorgsperson på lang sigt",
            ),
        ],
        "reach": [
            (
                ("6", "6", "6", "6", "6"),
                (
                    "family homes",
                    "gezinshuizen",
                    "maisons familiales",
                    "familiehjem",
                    "familiehjem",
                ),
                "reached",
                2025,
            ),
            (
                ("31", "31", "31", "31", "31"),
                (
                    "children living with their brothers and sisters",
                    "kinderen wonen samen met hun broers en zussen",
                    "enfants vivent avec leurs frères et sœurs",
                    "barn bor sammen med søsknene sine",
                    "børn bor sammen med deres søskende",
                ),
                "reached",
                2025,
            ),
        ],
    },
    {
        "programme": "new-families",
        "countries": ["KE"],
        "start": date(2018, 5, 1),
        "end": None,
        "funders": ["nordic"],
        "sdgs": [1, 3, 4],
        "open": True,
        "colour": (60, 130, 90),
        "photo_needs_consent": True,
        "name": (
            "Family-based care in Mombasa",
            "Zorg in gezinsverband in Mombasa",
            "Prise en charge familiale à Mombasa",
            "Familiebasert omsorg i Mombasa",
            "Familiebaseret omsorg i Mombasa",
        ),
        "slug": (
            "family-based-care-mombasa",
            "zorg-in-gezinsverband-mombasa",
            "prise-en-charge-familiale-mombasa",
            "familiebasert-omsorg-mombasa",
            "familiebaseret-omsorg-mombasa",
        ),
        "places": (
            "Mombasa and Kilifi",
            "Mombasa en Kilifi",
            "Mombasa et Kilifi",
            "Mombasa og Kilifi",
            "Mombasa og Kilifi",
        ),
        "summary": (
            "Children who lost parental care move from a large institution into foster and kinship families.",
            "Kinderen zonder ouderlijke zorg verhuizen van een grote instelling naar pleeggezinnen en familie.",
            "Des enfants privés de soins parentaux quittent une grande institution pour des familles d'accueil ou leur famille élargie.",
            "Barn uten omsorg fra foreldrene flytter fra en stor institusjon til fosterfamilier og slektninger.",
            "Børn uden forældreomsorg flytter fra en stor institution til plejefamilier og slægtninge.",
        ),
        "body": (
            "<p>Together with the county's children's services we recruit, train and support foster families, and trace relatives who can take a child in. No child leaves the institution before a family is ready and has support in place.</p>",
            "<p>Samen met de jeugddiensten van het district werven, vormen en begeleiden we pleeggezinnen, en zoeken we familieleden die een kind kunnen opvangen. Geen kind verlaat de instelling voordat een gezin klaar is en steun krijgt.</p>",
            "<p>Avec les services de l'enfance du comté, nous recrutons, formons et accompagnons des familles d'accueil, et recherchons les proches qui peuvent accueillir un enfant. Aucun enfant ne quitte l'institution avant qu'une famille soit prête et soutenue.</p>",
            "<p>Sammen med barnevernet i fylket rekrutterer, lærer opp og følger vi opp fosterfamilier, og vi leter etter slektninger som kan ta imot et barn. Ingen barn forlater institusjonen før en familie er klar og har støtte på plass.</p>",
            "<p>Sammen med amtets børneforvaltning rekrutterer, uddanner og støtter vi plejefamilier og opsporer slægtninge, der kan tage imod et barn. Intet barn forlader institutionen, før en familie er klar og har støtte.</p>",
        ),
        "goals": [
            (
                "Move every child from the institution into a family",
                "Elk kind van de instelling naar een gezin laten verhuizen",
                "Permettre à chaque enfant de quitter l'institution pour une famille",
                "Flytte hvert barn fra institusjonen til en familie",
                "Flytte hvert barn fra institutionen til en familie",
            ),
            (
                "Train county staff in family-based care",
                "Medewerkers van het district opleiden in zorg in gezinsverband",
                "Former le personnel du comté à la prise en charge familiale",
                "Lære opp ansatte i fylket i familiebasert omsorg",
                "Uddanne amtets medarbejdere i familiebaseret omsorg",
            ),
        ],
        "reach": [
            (
                ("85", "85", "85", "85", "85"),
                (
                    "children placed with a family",
                    "kinderen in een gezin geplaatst",
                    "enfants placés dans une famille",
                    "barn plassert i en familie",
                    "børn anbragt i en familie",
                ),
                "reached",
                2025,
            ),
            (
                ("all", "alle", "tous", "alle", "alle"),
                (
                    "children in the institution by 2027",
                    "kinderen in de instelling tegen 2027",
                    "les enfants de l'institution d'ici 2027",
                    "barna på institusjonen innen 2027",
                    "børnene på institutionen inden 2027",
                ),
                "target",
                2027,
            ),
        ],
    },
]

PROJECTS += [
    {
        "programme": "strengthening-families",
        "countries": ["ET"],
        "start": date(2020, 2, 1),
        "end": None,
        "funders": ["nordic"],
        "sdgs": [1, 2, 5, 8],
        "open": True,
        "colour": (150, 110, 40),
        "name": (
            "Strong families in Hawassa",
            "Sterke gezinnen in Hawassa",
            "Des familles fortes à Hawassa",
            "Sterke familier i Hawassa",
            "Stærke familier i Hawassa",
        ),
        "slug": (
            "strong-families-hawassa",
            "sterke-gezinnen-hawassa",
            "familles-fortes-hawassa",
            "sterke-familier-hawassa",
            "staerke-familier-hawassa",
        ),
        "places": ("Hawassa", "Hawassa", "Hawassa", "Hawassa", "Hawassa"),
        "summary": (
            "Mothers start small businesses and savings groups, so they can pay for food, school and health care.",
            "Moeders starten kleine zaken en spaargroepen, zodat ze voeding, school en gezondheidszorg kunnen betalen.",
            "Des mères lancent de petites activités et des groupes d'épargne pour payer la nourriture, l'école et les soins.",
            "Mødre starter små bedrifter og sparegrupper, slik at de kan betale for mat, skole og helsehjelp.",
            "Mødre starter små virksomheder og sparegrupper, så de kan betale for mad, skole og sundhed.",
        ),
        "body": (
            "<p>Families receive training in running a business and a small start-up grant. Savings groups keep them going after the project: members lend to each other and support each other in hard times.</p>",
            "<p>Gezinnen krijgen een opleiding in ondernemen en een klein startbedrag. Spaargroepen houden hen ook na het project op de been: leden lenen elkaar geld en steunen elkaar in moeilijke tijden.</p>",
            "<p>Les familles reçoivent une formation à la gestion d'une activité et une petite aide de démarrage. Les groupes d'épargne prennent le relais après le projet : les membres se prêtent de l'argent et s'entraident dans les moments difficiles.</p>",
            "<p>Familiene får opplæring i å drive en bedrift og et lite startbeløp. Sparegruppene holder dem oppe også etter prosjektet: Medlemmene låner penger til hverandre og støtter hverandre i vanskelige tider.</p>",
            "<p>Familierne får undervisning i at drive virksomhed og et lille startbeløb. Sparegrupperne holder dem oppe, også efter projektet: Medlemmerne låner penge til hinanden og støtter hinanden i svære tider.</p>",
        ),
        "goals": [
            (
                "Every child in the programme goes to school",
                "Elk kind in het programma gaat naar school",
                "Chaque enfant du programme va à l'école",
                "Alle barna i programmet går på skole",
                "Alle børn i programmet går i skole",
            ),
            (
                "Families earn a stable income within three years",
                "Gezinnen verdienen binnen drie jaar een stabiel inkomen",
                "Les familles gagnent un revenu stable en trois ans",
                "Familiene har en stabil inntekt innen tre år",
                "Familierne har en stabil indkomst inden for tre år",
            ),
        ],
        "reach": [
            (
                ("640", "640", "640", "640", "640"),
                (
                    "families supported",
                    "gezinnen gesteund",
                    "familles soutenues",
                    "familier støttet",
                    "familier støttet",
                ),
                "reached",
                2024,
            ),
            (
                ("1,900", "1.900", "1 900", "1900", "1.900"),
                (
                    "children in school",
                    "kinderen naar school",
                    "enfants scolarisés",
                    "barn på skolen",
                    "børn i skole",
                ),
                "reached",
                2024,
            ),
        ],
    },
    {
        "programme": "youth-on-their-way",
        "countries": ["NO"],
        "start": date(2022, 3, 1),
        "end": None,
        "funders": ["nordic"],
        "sdgs": [4, 8, 10],
        "open": False,
        "colour": (122, 70, 140),
        "name": (
            "Support for care leavers in Oslo and Bergen",
            "Steun voor jongeren uit de jeugdzorg in Oslo en Bergen",
            "Soutien aux jeunes sortant de la protection de l'enfance à Oslo et Bergen",
            "Ettervern for ungdom i Oslo og Bergen",
            "Efterværn for unge i Oslo og Bergen",
        ),
        "slug": (
            "care-leavers-oslo-bergen",
            "jongeren-jeugdzorg-oslo-bergen",
            "jeunes-sortant-placement-oslo-bergen",
            "ettervern-oslo-bergen",
            "eftervaern-oslo-bergen",
        ),
        "places": (
            "Oslo and Bergen",
            "Oslo en Bergen",
            "Oslo et Bergen",
            "Oslo og Bergen",
            "Oslo og Bergen",
        ),
        "summary": (
            "Young adults who grew up in care get a mentor, help with housing and a place to turn to until the age of 25.",
            "Jongvolwassenen die opgroeiden in de jeugdzorg krijgen een mentor, hulp bij wonen en een plek waar ze terechtkunnen tot hun 25e.",
            "Les jeunes adultes ayant grandi en placement bénéficient d'un mentor, d'une aide au logement et d'un lieu d'écoute jusqu'à 25 ans.",
            "Unge voksne som har vokst opp i barnevernet, får en mentor, hjelp med bolig og et sted å gå til fram til de fyller 25.",
            "Unge voksne, der er vokset op i anbringelse, får en mentor, hjælp til bolig og et sted at gå hen, indtil de fylder 25.",
        ),
        "body": (
            "<p>Many young people lose their support network the day they turn eighteen. Our mentors stay by their side through their first lease, their studies or first job, and the everyday questions nobody else answers.</p>",
            "<p>Veel jongeren verliezen hun vangnet op de dag dat ze achttien worden. Onze mentoren blijven naast hen staan bij hun eerste huurcontract, hun studie of eerste job, en de dagelijkse vragen die niemand anders beantwoordt.</p>",
            "<p>Beaucoup de jeunes perdent leur réseau de soutien le jour de leurs dix-huit ans. Nos mentors restent à leurs côtés pour le premier bail, les études ou le premier emploi, et pour les questions du quotidien auxquelles personne d'autre ne répond.</p>",
            "<p>Mange unge mister nettverket sitt den dagen de fyller 18. Mentorene våre står ved siden av dem gjennom den første leiekontrakten, studiene eller den første jobben, og hverdagsspørsmålene ingen andre svarer på.</p>",
            "<p>Mange unge mister deres netværk den dag, de fylder 18. Vores mentorer står ved deres side ved den første lejekontrakt, studierne eller det første job og de hverdagsspørgsmål, som ingen andre svarer på.</p>",
        ),
        "goals": [
            (
                "Every young person has a safe place to live",
                "Elke jongere heeft een veilige woonplek",
                "Chaque jeune dispose d'un logement sûr",
                "Alle ungdommene har et trygt sted å bo",
                "Alle de unge har et trygt sted at bo",
            ),
            (
                "Young people finish school or find work",
                "Jongeren maken hun opleiding af of vinden werk",
                "Les jeunes terminent leurs études ou trouvent un emploi",
                "Ungdommene fullfører skolen eller får jobb",
                "De unge gennemfører en uddannelse eller får arbejde",
            ),
        ],
        "reach": [
            (
                ("75", "75", "75", "75", "75"),
                (
                    "young people with a mentor",
                    "jongeren met een mentor",
                    "jeunes accompagnés par un mentor",
                    "ungdommer med mentor",
                    "unge med en mentor",
                ),
                "reached",
                2025,
            ),
        ],
    },
    {
        "programme": "youth-on-their-way",
        "countries": ["DK"],
        "start": date(2027, 2, 1),
        "end": None,
        "funders": ["nordic"],
        "sdgs": [4, 8, 10],
        "open": False,
        "colour": (150, 90, 170),
        "name": (
            "Mentors for young people leaving care in Aarhus",
            "Mentoren voor jongeren uit de jeugdzorg in Aarhus",
            "Des mentors pour les jeunes sortant de placement à Aarhus",
            "Mentorer for ungdom som forlater barnevernet i Aarhus",
            "Mentorer til unge, der forlader anbringelse i Aarhus",
        ),
        "slug": (
            "mentors-aarhus",
            "mentoren-aarhus",
            "mentors-aarhus",
            "mentorer-aarhus",
            "mentorer-aarhus",
        ),
        "places": ("Aarhus", "Aarhus", "Aarhus", "Aarhus", "Aarhus"),
        "summary": (
            "Volunteer mentors, trained by us, will walk with young care leavers through their first years on their own.",
            "Vrijwillige mentoren, door ons opgeleid, gaan jongeren uit de jeugdzorg begeleiden in hun eerste jaren op zichzelf.",
            "Des mentors bénévoles, formés par nos soins, accompagneront les jeunes dans leurs premières années d'autonomie.",
            "Frivillige mentorer, lært opp av oss, skal følge ungdom de første årene de bor for seg selv.",
            "Frivillige mentorer, som vi uddanner, skal følge unge de første år, hvor de bor for sig selv.",
        ),
        "body": (
            "<p>The project starts in 2027 with the municipality and local youth clubs. Each mentor meets one young person every week for at least a year.</p>",
            "<p>Het project start in 2027 samen met de gemeente en lokale jeugdclubs. Elke mentor ziet één jongere elke week, minstens een jaar lang.</p>",
            "<p>Le projet démarre en 2027 avec la commune et des clubs de jeunes locaux. Chaque mentor rencontre un jeune chaque semaine pendant au moins un an.</p>",
            "<p>Prosjektet starter i 2027 sammen med kommunen og lokale ungdomsklubber. Hver mentor møter én ungdom hver uke i minst ett år.</p>",
            "<p>Projektet starter i 2027 sammen med kommunen og lokale ungdomsklubber. Hver mentor mødes med én ung hver uge i mindst et år.</p>",
        ),
        "goals": [
            (
                "Match 40 young people with a trained mentor",
                "40 jongeren koppelen aan een opgeleide mentor",
                "Associer 40 jeunes à un mentor formé",
                "Koble 40 ungdommer med en opplært mentor",
                "Matche 40 unge med en uddannet mentor",
            ),
        ],
        "reach": [
            (
                ("40", "40", "40", "40", "40"),
                (
                    "young people to be matched with a mentor",
                    "jongeren te koppelen aan een mentor",
                    "jeunes à associer à un mentor",
                    "ungdommer som skal få mentor",
                    "unge, der skal have en mentor",
                ),
                "target",
                2028,
            ),
        ],
    },
    {
        "programme": "emergency-relief",
        "countries": ["UA", "PL"],
        "start": date(2022, 3, 1),
        "end": date(2025, 12, 31),
        "funders": ["eu", "horizon"],
        "sdgs": [1, 2, 3, 16],
        "open": False,
        "colour": (180, 60, 40),
        "name": (
            "Emergency care for families displaced by war",
            "Noodhulp voor gezinnen op de vlucht voor de oorlog",
            "Aide d'urgence aux familles déplacées par la guerre",
            "Nødhjelp til familier på flukt fra krigen",
            "Nødhjælp til familier på flugt fra krigen",
        ),
        "slug": (
            "families-displaced-by-war",
            "gezinnen-op-de-vlucht",
            "familles-deplacees-guerre",
            "familier-pa-flukt",
            "familier-pa-flugt",
        ),
        "places": (
            "Lviv, Ivano-Frankivsk and Przemyśl",
            "Lviv, Ivano-Frankivsk en Przemyśl",
            "Lviv, Ivano-Frankivsk et Przemyśl",
            "Lviv, Ivano-Frankivsk og Przemyśl",
            "Lviv, Ivano-Frankivsk og Przemyśl",
        ),
        "summary": (
            "Safe spaces, psychological first aid and cash support for children and caregivers who fled the fighting.",
            "Veilige plekken, psychologische eerste hulp en financiële steun voor kinderen en ouders die de gevechten ontvluchtten.",
            "Espaces sûrs, premiers secours psychologiques et aide financière pour les enfants et leurs proches qui ont fui les combats.",
            "Trygge steder, psykologisk førstehjelp og kontantstøtte til barn og omsorgspersoner som flyktet fra kampene.",
            "Trygge steder, psykologisk førstehjælp og kontanthjælp til børn og omsorgspersoner, der flygtede fra kampene.",
        ),
        "body": (
            "<p>Children's homes were evacuated together with their caregivers, so no child was separated from the adults they trust. Families on the move received cash, warm clothes and a place for children to play and talk.</p>",
            "<p>Kinderdorpen werden samen met hun begeleiders geëvacueerd, zodat geen kind werd gescheiden van de volwassenen die het vertrouwt. Gezinnen op de vlucht kregen geld, warme kleren en een plek waar kinderen konden spelen en praten.</p>",
            "<p>Les foyers d'enfants ont été évacués avec leurs éducateurs, afin qu'aucun enfant ne soit séparé des adultes en qui il a confiance. Les familles en exil ont reçu de l'argent, des vêtements chauds et un lieu où les enfants pouvaient jouer et parler.</p>",
            "<p>Barnehjem ble evakuert sammen med omsorgspersonene, slik at ingen barn ble skilt fra de voksne de stoler på. Familier på flukt fikk penger, varme klær og et sted der barna kunne leke og snakke.</p>",
            "<p>Børnehjem blev evakueret sammen med deres omsorgspersoner, så intet barn blev adskilt fra de voksne, det stoler på. Familier på flugt fik kontanter, varmt tøj og et sted, hvor børnene kunne lege og tale.</p>",
        ),
        "goals": [
            (
                "Keep children together with their caregivers during evacuation",
                "Kinderen tijdens de evacuatie bij hun begeleiders houden",
                "Garder les enfants avec leurs proches pendant l'évacuation",
                "Holde barn sammen med omsorgspersonene under evakueringen",
                "Holde børn sammen med deres omsorgspersoner under evakueringen",
            ),
            (
                "Give children a safe place to play and recover",
                "Kinderen een veilige plek geven om te spelen en te herstellen",
                "Offrir aux enfants un lieu sûr pour jouer et se rétablir",
                "Gi barna et trygt sted å leke og komme seg",
                "Give børnene et trygt sted at lege og komme sig",
            ),
        ],
        "reach": [
            (
                ("over 12,000", "meer dan 12.000", "plus de 12 000", "over 12 000", "over 12.000"),
                (
                    "children and caregivers supported",
                    "kinderen en begeleiders geholpen",
                    "enfants et proches soutenus",
                    "barn og omsorgspersoner fikk hjelp",
                    "børn og omsorgspersoner fik hjælp",
                ),
                "reached",
                2025,
            ),
        ],
    },
]


class Command(BaseCommand):
    help = "Load the demo programmes and projects (updates them when run again)."

    def handle(self, *args, **options):
        funders = {key: self.funder(data) for key, data in FUNDERS.items()}
        programmes = {data["slug"][0]: self.programme(data) for data in PROGRAMMES}
        for data in PROJECTS:
            self.project(data, programmes[data["programme"]], funders)
        self.stdout.write(f"Programmes: {len(programmes)}, projects: {len(PROJECTS)}")

    def funder(self, data):
        funder = Funder.objects.filter(name_en=data["name"][0]).first() or Funder()
        set_translations(funder, name=data["name"])
        funder.url = data["url"]
        funder.save()
        return funder

    def programme(self, data):
        programme = Programme.objects.filter(slug_en=data["slug"][0]).first() or Programme()
        set_translations(
            programme,
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"],
            body=data["body"],
        )
        programme.order = data["order"]
        programme.published = True
        if programme.hero_photo is None:
            programme.hero_photo = demo_photo(data["slug"][0], data["title"], data["colour"])
        programme.save()
        programme.principles.all().delete()
        for order, (heading, text) in enumerate(data["principles"], start=1):
            principle = programme.principles.model(programme=programme, order=order)
            set_translations(principle, heading=heading, text=text)
            principle.save()
        programme.key_figures.all().delete()
        for order, (value, label) in enumerate(data["figures"], start=1):
            figure = programme.key_figures.model(programme=programme, order=order)
            set_translations(figure, value=value, label=label)
            figure.save()
        return programme

    def project(self, data, programme, funders):
        project = Project.objects.filter(slug_en=data["slug"][0]).first() or Project()
        set_translations(
            project,
            name=data["name"],
            slug=data["slug"],
            summary=data["summary"],
            body=data["body"],
            places=data["places"],
        )
        project.programme = programme
        project.countries = data["countries"]
        project.start_date = data["start"]
        project.end_date = data["end"]
        project.open_for_sponsorship = data["open"]
        project.published = True
        if project.hero_photo is None:
            project.hero_photo = demo_photo(
                data["slug"][0],
                data["name"],
                data["colour"],
                expired_consent=data.get("photo_needs_consent", False),
            )
        project.save()
        project.funders.set([funders[key] for key in data["funders"]])
        project.sdgs.set(SustainableDevelopmentGoal.objects.filter(number__in=data["sdgs"]))
        project.goals.all().delete()
        for order, text in enumerate(data["goals"], start=1):
            goal = project.goals.model(project=project, order=order)
            set_translations(goal, text=text)
            goal.save()
        project.reach_figures.all().delete()
        for order, (value, label, kind, year) in enumerate(data["reach"], start=1):
            figure = project.reach_figures.model(project=project, order=order, kind=kind, year=year)
            set_translations(figure, value=value, label=label)
            figure.save()
