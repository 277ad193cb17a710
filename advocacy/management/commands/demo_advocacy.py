"""Demo advocacy agendas, demands, milestones, coalitions and publications.

The demands and facts come from public pages of child-rights organisations
(a Norwegian agenda, a Belgian page on the 2019 UN resolution and a national
platform); the sentences are our own. Every text is a tuple (en, nl, fr, nb, da).
"""

from datetime import date
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw, ImageFont

from advocacy.models import Agenda, Coalition, Demand, Milestone, Publication
from ngo.management.demo import set_translations
from programmes.models import Programme

NOT_YET, IN_PROGRESS, PARTLY, ACHIEVED = "not_yet", "in_progress", "partly", "achieved"

AGENDAS = [
    {
        "key": "belgium",
        "scope": "national",
        "country": "BE",
        "order": 1,
        "programmes": ["strengthening-families", "new-families", "youth-on-their-way"],
        "title": (
            "Our agenda for Belgium",
            "Onze agenda voor België",
            "Notre agenda pour la Belgique",
            "Vår agenda for Belgia",
            "Vores dagsorden for Belgien",
        ),
        "slug": (
            "belgium",
            "belgie",
            "belgique",
            "belgia",
            "belgien",
        ),
        "addressee": (
            "the Belgian federal government and the Communities",
            "de Belgische federale regering en de Gemeenschappen",
            "le gouvernement fédéral belge et les Communautés",
            "den belgiske føderale regjeringen og språkfellesskapene",
            "den belgiske føderale regering og sprogfællesskaberne",
        ),
        "introduction": (
            "<p>In Belgium, youth care is a matter for the Communities, and development cooperation for the federal government. We ask both to put the rights of children without parental care at the centre of what they decide.</p>",
            "<p>In België is jeugdhulp een bevoegdheid van de Gemeenschappen, en ontwikkelingssamenwerking van de federale overheid. We vragen beide om de rechten van kinderen zonder ouderlijke zorg centraal te zetten in wat ze beslissen.</p>",
            "<p>En Belgique, l’aide à la jeunesse relève des Communautés et la coopération au développement du gouvernement fédéral. Nous demandons aux deux de placer les droits des enfants privés de protection parentale au cœur de leurs décisions.</p>",
            "<p>I Belgia har språkfellesskapene ansvaret for barnevernet, mens den føderale regjeringen har ansvaret for utviklingssamarbeidet. Vi ber begge sette rettighetene til barn uten foreldreomsorg i sentrum for det de bestemmer.</p>",
            "<p>I Belgien hører børne- og ungeindsatsen under sprogfællesskaberne, mens udviklingssamarbejdet hører under den føderale regering. Vi beder begge om at sætte rettighederne for børn uden forældreomsorg i centrum for deres beslutninger.</p>",
        ),
        "demands": [
            (
                (
                    "Make children’s rights a fixed part of every Belgian development cooperation programme.",
                    "Maak kinderrechten een vast onderdeel van elk Belgisch programma voor ontwikkelingssamenwerking.",
                    "Faire des droits de l’enfant un élément fixe de chaque programme belge de coopération au développement.",
                    "Gjøre barns rettigheter til en fast del av alle belgiske programmer for utviklingssamarbeid.",
                    "Gøre børns rettigheder til en fast del af alle belgiske programmer for udviklingssamarbejde.",
                ),
                [(NOT_YET, date(2016, 1, 1)), (IN_PROGRESS, date(2019, 3, 1))],
            ),
            (
                (
                    "Give families in difficulty early, practical support so that children can stay at home safely.",
                    "Geef gezinnen in moeilijkheden vroeg praktische steun, zodat kinderen veilig thuis kunnen blijven.",
                    "Apporter tôt un soutien concret aux familles en difficulté, pour que les enfants puissent rester chez eux en sécurité.",
                    "Gi familier i vanskeligheter tidlig og praktisk støtte, slik at barna trygt kan bli boende hjemme.",
                    "Giv familier i vanskeligheder tidlig og praktisk støtte, så børnene trygt kan blive boende hjemme.",
                ),
                [
                    (NOT_YET, date(2016, 1, 1)),
                    (IN_PROGRESS, date(2018, 9, 1)),
                    (PARTLY, date(2022, 6, 1)),
                ],
            ),
            (
                (
                    "Place brothers and sisters in care together unless that harms one of them.",
                    "Plaats broers en zussen samen in de zorg, tenzij dat een van hen schaadt.",
                    "Placer ensemble les frères et sœurs confiés, sauf si cela nuit à l’un d’eux.",
                    "Plassere søsken sammen når de må bo utenfor hjemmet, med mindre det skader en av dem.",
                    "Anbringe søskende sammen, medmindre det skader en af dem.",
                ),
                [(NOT_YET, date(2016, 1, 1)), (IN_PROGRESS, date(2021, 2, 1))],
            ),
            (
                (
                    "Keep supporting young people who leave care until they are 25.",
                    "Blijf jongeren die de zorg verlaten steunen tot ze 25 zijn.",
                    "Continuer à soutenir les jeunes qui quittent leur placement jusqu’à 25 ans.",
                    "Fortsette å støtte unge som flytter ut fra barnevernet, til de er 25 år.",
                    "Blive ved med at støtte unge, der forlader en anbringelse, til de er 25 år.",
                ),
                [(NOT_YET, date(2016, 1, 1))],
            ),
        ],
    },
    {
        "key": "norway",
        "scope": "national",
        "country": "NO",
        "order": 2,
        "programmes": ["strengthening-families", "new-families", "youth-on-their-way"],
        "title": (
            "Our agenda for Norway",
            "Onze agenda voor Noorwegen",
            "Notre agenda pour la Norvège",
            "Vår agenda for Norge",
            "Vores dagsorden for Norge",
        ),
        "slug": ("norway", "noorwegen", "norvege", "norge", "norge"),
        "addressee": (
            "the Norwegian government",
            "de Noorse regering",
            "le gouvernement norvégien",
            "regjeringen",
            "den norske regering",
        ),
        "introduction": (
            "<p>Children need stability, a sense of belonging and a safe adult who cares for them. When their own family can not give them that, the care they get instead must. In Norway many brothers and sisters are placed in different foster homes, and many children move from one temporary home to the next. We ask the government to change that.</p>",
            "<p>Kinderen hebben stabiliteit nodig, het gevoel ergens bij te horen en een veilige volwassene die voor hen zorgt. Kan hun eigen gezin dat niet bieden, dan moet de zorg die ze in de plaats krijgen het doen. In Noorwegen worden veel broers en zussen in verschillende pleeggezinnen geplaatst, en verhuizen veel kinderen van het ene tijdelijke thuis naar het andere. We vragen de regering dat te veranderen.</p>",
            "<p>Les enfants ont besoin de stabilité, d’un sentiment d’appartenance et d’un adulte sûr qui prend soin d’eux. Quand leur propre famille ne peut pas le leur offrir, la prise en charge qui la remplace doit le faire. En Norvège, beaucoup de frères et sœurs sont placés dans des familles d’accueil différentes, et beaucoup d’enfants passent d’un foyer provisoire à l’autre. Nous demandons au gouvernement de changer cela.</p>",
            "<p>Barn trenger stabilitet, tilhørighet og en trygg voksen som gir dem omsorg. Når familien deres ikke klarer å gi dem dette, må omsorgen de får i stedet gjøre det. I Norge blir mange søsken plassert i ulike fosterhjem, og mange barn flytter fra ett midlertidig hjem til det neste. Vi ber regjeringen om å endre dette.</p>",
            "<p>Børn har brug for stabilitet, et tilhørsforhold og en tryg voksen, der drager omsorg for dem. Når deres egen familie ikke kan give dem det, må den omsorg, de får i stedet, gøre det. I Norge bliver mange søskende anbragt i forskellige plejefamilier, og mange børn flytter fra ét midlertidigt hjem til det næste. Vi beder regeringen om at ændre det.</p>",
        ),
        "demands": [
            (
                (
                    "Make sure children in difficult circumstances get the right help at the right time.",
                    "Zorg dat kinderen in moeilijke omstandigheden op het juiste moment de juiste hulp krijgen.",
                    "Veiller à ce que les enfants en situation difficile reçoivent la bonne aide au bon moment.",
                    "Sørge for at barn som lever under vanskelige forhold, får rett hjelp til rett tid.",
                    "Sørge for at børn, der lever under vanskelige forhold, får den rette hjælp på det rette tidspunkt.",
                ),
                [(NOT_YET, date(2017, 1, 1)), (IN_PROGRESS, date(2020, 5, 1))],
            ),
            (
                (
                    "Prevent brothers and sisters from growing up in different foster homes.",
                    "Voorkom dat broers en zussen in verschillende pleeggezinnen opgroeien.",
                    "Éviter que des frères et sœurs grandissent dans des familles d’accueil différentes.",
                    "Forebygge at søsken må vokse opp i ulike fosterhjem.",
                    "Forebygge at søskende må vokse op i forskellige plejefamilier.",
                ),
                [
                    (NOT_YET, date(2017, 1, 1)),
                    (IN_PROGRESS, date(2019, 1, 1)),
                    (PARTLY, date(2023, 1, 1)),
                ],
            ),
            (
                (
                    "Strengthen child welfare services and foster care, so that children who can not live with their family get stable, predictable care.",
                    "Versterk de jeugdbescherming en de pleegzorg, zodat kinderen die niet bij hun familie kunnen wonen stabiele, voorspelbare zorg krijgen.",
                    "Renforcer la protection de l’enfance et l’accueil familial, pour que les enfants qui ne peuvent pas vivre avec leur famille reçoivent une prise en charge stable et prévisible.",
                    "Styrke barnevernet og fosterhjemmene, slik at barn som ikke kan bo med familien sin, får stabil og forutsigbar omsorg.",
                    "Styrke børneforsorgen og plejefamilierne, så børn, der ikke kan bo hos deres familie, får stabil og forudsigelig omsorg.",
                ),
                [(NOT_YET, date(2017, 1, 1)), (IN_PROGRESS, date(2021, 6, 18))],
            ),
            (
                (
                    "Support young people who grew up in care on their way from childhood to adult life.",
                    "Steun jongeren die in de zorg opgroeiden op hun weg van kind naar volwassene.",
                    "Soutenir les jeunes qui ont grandi en placement dans leur passage de l’enfance à l’âge adulte.",
                    "Støtte ungdom som har vokst opp i alternative omsorgsordninger, i overgangen fra barn til voksen.",
                    "Støtte unge, der er vokset op uden for hjemmet, i overgangen fra barn til voksen.",
                ),
                [(NOT_YET, date(2017, 1, 1)), (PARTLY, date(2023, 1, 1))],
            ),
            (
                (
                    "See each child, listen to their views and decide on the basis of their own needs.",
                    "Zie elk kind, luister naar zijn mening en beslis op basis van zijn eigen noden.",
                    "Voir chaque enfant, écouter son avis et décider en fonction de ses propres besoins.",
                    "Se hvert enkelt barn, lytte til barnets meninger og ta beslutninger ut fra barnets egne behov.",
                    "Se hvert enkelt barn, lytte til barnets meninger og træffe beslutninger ud fra barnets egne behov.",
                ),
                [
                    (NOT_YET, date(2017, 1, 1)),
                    (IN_PROGRESS, date(2019, 1, 1)),
                    (ACHIEVED, date(2023, 1, 1)),
                ],
            ),
            (
                (
                    "Strengthen the rights of the children who are most at risk.",
                    "Versterk de rechten van de kinderen die het kwetsbaarst zijn.",
                    "Renforcer les droits des enfants les plus vulnérables.",
                    "Styrke rettighetene til de mest utsatte barna.",
                    "Styrke rettighederne for de mest udsatte børn.",
                ),
                [(NOT_YET, date(2017, 1, 1))],
            ),
        ],
    },
    {
        "key": "countries",
        "scope": "countries",
        "country": "",
        "order": 3,
        "programmes": ["strengthening-families", "new-families", "emergency-relief"],
        "title": (
            "What we ask of the countries where we work",
            "Wat we vragen van de landen waar we werken",
            "Ce que nous demandons aux pays où nous travaillons",
            "Det vi ber landene der vi arbeider om",
            "Det, vi beder landene, hvor vi arbejder, om",
        ),
        "slug": (
            "countries-where-we-work",
            "landen-waar-we-werken",
            "pays-ou-nous-travaillons",
            "landene-vi-arbeider-i",
            "landene-vi-arbejder-i",
        ),
        "addressee": (
            "local and national authorities in the countries where we work",
            "lokale en nationale overheden in de landen waar we werken",
            "les autorités locales et nationales des pays où nous travaillons",
            "lokale og nasjonale myndigheter i landene der vi arbeider",
            "lokale og nationale myndigheder i de lande, hvor vi arbejder",
        ),
        "introduction": (
            "<p>Wherever we work, we link our work with children and families to the rights they have. We ask local and national authorities to build the systems that protect children, so that the help does not depend on us.</p>",
            "<p>Overal waar we werken, koppelen we ons werk met kinderen en gezinnen aan de rechten die ze hebben. We vragen lokale en nationale overheden de systemen uit te bouwen die kinderen beschermen, zodat de hulp niet van ons afhangt.</p>",
            "<p>Partout où nous travaillons, nous relions notre action auprès des enfants et des familles aux droits qui sont les leurs. Nous demandons aux autorités locales et nationales de bâtir les systèmes qui protègent les enfants, pour que l’aide ne dépende pas de nous.</p>",
            "<p>Overalt der vi arbeider, knytter vi arbeidet med barn og familier til rettighetene deres. Vi ber lokale og nasjonale myndigheter bygge opp systemene som beskytter barn, slik at hjelpen ikke avhenger av oss.</p>",
            "<p>Overalt, hvor vi arbejder, kobler vi arbejdet med børn og familier til de rettigheder, de har. Vi beder lokale og nationale myndigheder om at opbygge de systemer, der beskytter børn, så hjælpen ikke afhænger af os.</p>",
        ),
        "demands": [
            (
                (
                    "Strengthen child protection services and the structures that keep children safe.",
                    "Versterk de kinderbescherming en de structuren die kinderen veilig houden.",
                    "Renforcer les services de protection de l’enfance et les structures qui protègent les enfants.",
                    "Styrke barnevernet og strukturene som beskytter barn.",
                    "Styrke børnebeskyttelsen og de strukturer, der holder børn i sikkerhed.",
                ),
                [(NOT_YET, date(2015, 1, 1)), (IN_PROGRESS, date(2018, 1, 1))],
            ),
            (
                (
                    "Give families in crisis better support.",
                    "Geef gezinnen in crisis betere steun.",
                    "Mieux soutenir les familles en crise.",
                    "Gi bedre støtte til familier i krise.",
                    "Giv familier i krise bedre støtte.",
                ),
                [(NOT_YET, date(2015, 1, 1)), (IN_PROGRESS, date(2020, 1, 1))],
            ),
            (
                (
                    "Ensure good-quality alternative care for children who can not live with their own family.",
                    "Zorg voor goede alternatieve zorg voor kinderen die niet bij hun eigen familie kunnen wonen.",
                    "Garantir une prise en charge alternative de qualité aux enfants qui ne peuvent pas vivre avec leur famille.",
                    "Sikre god kvalitet på alternative omsorgsløsninger for barn som ikke kan bo hos familien sin.",
                    "Sikre alternativ omsorg af god kvalitet for børn, der ikke kan bo hos deres egen familie.",
                ),
                [
                    (NOT_YET, date(2015, 1, 1)),
                    (IN_PROGRESS, date(2017, 6, 1)),
                    (PARTLY, date(2021, 9, 1)),
                ],
            ),
            (
                (
                    "Make sure no child is denied good care because of age, gender, disability, HIV or any other status.",
                    "Zorg dat geen kind goede zorg misloopt door leeftijd, geslacht, een handicap, hiv of een andere status.",
                    "Veiller à ce qu’aucun enfant ne soit privé d’une bonne prise en charge en raison de son âge, de son sexe, d’un handicap, du VIH ou de tout autre statut.",
                    "Sørge for at ingen barn blir fratatt god omsorg på grunn av alder, kjønn, funksjonsnedsettelse, hiv eller annen status.",
                    "Sørge for at intet barn nægtes god omsorg på grund af alder, køn, handicap, hiv eller anden status.",
                ),
                [(NOT_YET, date(2015, 1, 1))],
            ),
            (
                (
                    "Offer alternative care that fits each child and keeps brothers and sisters together.",
                    "Bied alternatieve zorg aan die bij elk kind past en broers en zussen samen houdt.",
                    "Proposer une prise en charge alternative adaptée à chaque enfant, qui garde les frères et sœurs ensemble.",
                    "Tilby alternative omsorgsordninger som er tilpasset hvert barn, og som holder søsken sammen.",
                    "Tilbyde alternativ omsorg, der passer til hvert barn og holder søskende sammen.",
                ),
                [(NOT_YET, date(2015, 1, 1))],
            ),
        ],
    },
    {
        "key": "eu",
        "scope": "eu",
        "country": "",
        "order": 4,
        "programmes": ["new-families", "youth-on-their-way"],
        "title": (
            "Our aims for the European Union",
            "Onze doelen voor de Europese Unie",
            "Nos objectifs pour l’Union européenne",
            "Våre mål for EU",
            "Vores mål for EU",
        ),
        "slug": (
            "european-union",
            "europese-unie",
            "union-europeenne",
            "eu",
            "eu",
        ),
        "addressee": (
            "the EU institutions",
            "de Europese instellingen",
            "les institutions européennes",
            "EUs institusjoner",
            "EU’s institutioner",
        ),
        "introduction": (
            "<p>Across Europe, many children still grow up in large institutions with a hundred or more children, few staff and little attention for each child. We ask the European Union to give children in alternative care stronger rights and better care than many of them get today.</p>",
            "<p>In heel Europa groeien nog veel kinderen op in grote instellingen met honderd of meer kinderen, weinig personeel en weinig aandacht voor elk kind. We vragen de Europese Unie om kinderen in alternatieve zorg sterkere rechten en betere zorg te geven dan velen vandaag krijgen.</p>",
            "<p>Partout en Europe, beaucoup d’enfants grandissent encore dans de grandes institutions de cent enfants ou plus, avec peu de personnel et peu d’attention pour chacun. Nous demandons à l’Union européenne de donner aux enfants placés des droits plus forts et une meilleure prise en charge que celle que beaucoup reçoivent aujourd’hui.</p>",
            "<p>Mange barn i Europa vokser fortsatt opp i store institusjoner med hundre barn eller flere, få ansatte og lite oppfølging av hvert barn. Vi ber EU gi barn i alternativ omsorg sterkere rettigheter og et bedre omsorgstilbud enn mange får i dag.</p>",
            "<p>Mange børn i Europa vokser stadig op på store institutioner med hundrede børn eller flere, få ansatte og lidt opmærksomhed på hvert barn. Vi beder EU om at give børn i alternativ omsorg stærkere rettigheder og bedre omsorg, end mange får i dag.</p>",
        ),
        "demands": [
            (
                (
                    "Give children in alternative care stronger rights in EU law and policy.",
                    "Geef kinderen in alternatieve zorg sterkere rechten in het Europese recht en beleid.",
                    "Renforcer les droits des enfants placés dans le droit et les politiques de l’UE.",
                    "Gi barn i alternativ omsorg sterkere rettigheter i EUs lover og politikk.",
                    "Giv børn i alternativ omsorg stærkere rettigheder i EU’s lovgivning og politik.",
                ),
                [(NOT_YET, date(2016, 1, 1)), (IN_PROGRESS, date(2021, 3, 24))],
            ),
            (
                (
                    "Stop spending EU funds on large institutions and invest in care in families and communities.",
                    "Besteed geen Europees geld meer aan grote instellingen en investeer in zorg in gezinnen en in de buurt.",
                    "Cesser de financer de grandes institutions avec des fonds européens et investir dans la prise en charge en famille et de proximité.",
                    "Slutte å bruke EU-midler på store institusjoner og investere i omsorg i familier og lokalsamfunn.",
                    "Holde op med at bruge EU-midler på store institutioner og investere i omsorg i familier og lokalsamfund.",
                ),
                [
                    (NOT_YET, date(2016, 1, 1)),
                    (IN_PROGRESS, date(2018, 1, 1)),
                    (PARTLY, date(2021, 6, 14)),
                ],
            ),
            (
                (
                    "Name children in alternative care as a group the European Child Guarantee must reach.",
                    "Noem kinderen in alternatieve zorg uitdrukkelijk als groep die de Europese Kindergarantie moet bereiken.",
                    "Inscrire les enfants placés parmi les groupes que la Garantie européenne pour l’enfance doit atteindre.",
                    "Nevne barn i alternativ omsorg som en gruppe EUs barnegaranti skal nå.",
                    "Nævne børn i alternativ omsorg som en gruppe, EU’s børnegaranti skal nå.",
                ),
                [
                    (NOT_YET, date(2019, 1, 1)),
                    (IN_PROGRESS, date(2020, 3, 1)),
                    (ACHIEVED, date(2021, 6, 14)),
                ],
                "https://eur-lex.europa.eu/eli/reco/2021/1004/oj",
            ),
        ],
    },
    {
        "key": "un",
        "scope": "international",
        "country": "",
        "order": 5,
        "programmes": ["strengthening-families", "new-families", "youth-on-their-way"],
        "title": (
            "Our aims at the United Nations",
            "Onze doelen bij de Verenigde Naties",
            "Nos objectifs aux Nations unies",
            "Våre mål i FN",
            "Vores mål i FN",
        ),
        "slug": (
            "united-nations",
            "verenigde-naties",
            "nations-unies",
            "fn",
            "fn",
        ),
        "addressee": (
            "the United Nations and its member states",
            "de Verenigde Naties en hun lidstaten",
            "les Nations unies et leurs États membres",
            "FN og medlemslandene",
            "FN og medlemslandene",
        ),
        "introduction": (
            "<p>Our main international aim is long-term care for every child, through stronger child protection systems in countries all over the world. Many countries do not yet follow the UN Guidelines for the Alternative Care of Children; we make that visible to the media and to decision makers.</p>",
            "<p>Ons belangrijkste internationale doel is zorg op lange termijn voor elk kind, via sterkere systemen voor kinderbescherming in landen over de hele wereld. Veel landen volgen de VN-richtlijnen voor alternatieve zorg voor kinderen nog niet; dat maken we zichtbaar voor de media en voor beleidsmakers.</p>",
            "<p>Notre principal objectif international est une prise en charge durable pour chaque enfant, grâce à des systèmes de protection de l’enfance plus solides partout dans le monde. Beaucoup de pays n’appliquent pas encore les Lignes directrices des Nations unies relatives à la protection de remplacement pour les enfants ; nous le rendons visible aux médias et aux décideurs.</p>",
            "<p>Vårt viktigste internasjonale mål er langsiktig omsorg for alle barn, gjennom sterkere barnevern i land over hele verden. Mange land følger ennå ikke FNs retningslinjer for alternativ omsorg for barn; det synliggjør vi overfor mediene og beslutningstakerne.</p>",
            "<p>Vores vigtigste internationale mål er langsigtet omsorg for alle børn gennem stærkere børnebeskyttelse i lande over hele verden. Mange lande følger endnu ikke FN’s retningslinjer for alternativ omsorg for børn; det gør vi synligt for medierne og beslutningstagerne.</p>",
        ),
        "demands": [
            (
                (
                    "Adopt a UN resolution on the rights of children without parental care.",
                    "Neem een VN-resolutie aan over de rechten van kinderen zonder ouderlijke zorg.",
                    "Adopter une résolution des Nations unies sur les droits des enfants privés de protection parentale.",
                    "Vedta en FN-resolusjon om rettighetene til barn uten foreldreomsorg.",
                    "Vedtage en FN-resolution om rettighederne for børn uden forældreomsorg.",
                ),
                [
                    (NOT_YET, date(2015, 1, 1)),
                    (IN_PROGRESS, date(2017, 1, 1)),
                    (ACHIEVED, date(2019, 11, 15)),
                ],
                "https://undocs.org/A/RES/74/133",
            ),
            (
                (
                    "Make every member state follow the UN Guidelines for the Alternative Care of Children.",
                    "Zorg dat elke lidstaat de VN-richtlijnen voor alternatieve zorg voor kinderen volgt.",
                    "Faire appliquer par chaque État membre les Lignes directrices relatives à la protection de remplacement pour les enfants.",
                    "Sørge for at alle medlemsland følger FNs retningslinjer for alternativ omsorg for barn.",
                    "Sørge for, at alle medlemslande følger FN’s retningslinjer for alternativ omsorg for børn.",
                ),
                [(NOT_YET, date(2009, 12, 18)), (IN_PROGRESS, date(2012, 1, 1))],
            ),
            (
                (
                    "Build child protection systems that secure long-term care for every child.",
                    "Bouw systemen voor kinderbescherming uit die elk kind zorg op lange termijn garanderen.",
                    "Bâtir des systèmes de protection de l’enfance qui assurent à chaque enfant une prise en charge durable.",
                    "Bygge barnevern som sikrer langsiktig omsorg for alle barn.",
                    "Opbygge børnebeskyttelse, der sikrer langsigtet omsorg for alle børn.",
                ),
                [(NOT_YET, date(2015, 1, 1)), (IN_PROGRESS, date(2019, 11, 15))],
            ),
        ],
    },
]

# Each milestone names the agendas it belongs to and the demands it advanced,
# as (agenda key, demand number on that agenda).
MILESTONES = [
    {
        "date": date(2009, 12, 18),
        "reference": "A/RES/64/142",
        "url": "https://undocs.org/A/RES/64/142",
        "agendas": ["un", "countries"],
        "demands": [("un", 2), ("countries", 3)],
        "title": (
            "The UN welcomes the Guidelines for the Alternative Care of Children",
            "De VN verwelkomen de richtlijnen voor alternatieve zorg voor kinderen",
            "Les Nations unies accueillent les Lignes directrices relatives à la protection de remplacement",
            "FN slutter seg til retningslinjene for alternativ omsorg for barn",
            "FN tilslutter sig retningslinjerne for alternativ omsorg for børn",
        ),
        "text": (
            "The General Assembly welcomed the guidelines twenty years after the Convention on the Rights of the Child. They say when a child may be placed outside the family, and what good care then looks like.",
            "De Algemene Vergadering verwelkomde de richtlijnen twintig jaar na het Verdrag inzake de rechten van het kind. Ze zeggen wanneer een kind buiten het gezin mag worden geplaatst, en hoe goede zorg er dan uitziet.",
            "L’Assemblée générale a accueilli les lignes directrices vingt ans après la Convention relative aux droits de l’enfant. Elles disent quand un enfant peut être placé hors de sa famille, et à quoi ressemble alors une bonne prise en charge.",
            "Generalforsamlingen sluttet seg til retningslinjene tjue år etter barnekonvensjonen. De sier når et barn kan plasseres utenfor familien, og hva god omsorg da innebærer.",
            "Generalforsamlingen tilsluttede sig retningslinjerne tyve år efter børnekonventionen. De fastslår, hvornår et barn må anbringes uden for familien, og hvordan god omsorg så ser ud.",
        ),
    },
    {
        "date": date(2019, 11, 15),
        "reference": "A/RES/74/133",
        "url": "https://undocs.org/A/RES/74/133",
        "agendas": ["un", "belgium", "countries"],
        "demands": [("un", 1), ("un", 3), ("countries", 2)],
        "title": (
            "UN resolution on children without parental care",
            "VN-resolutie over kinderen zonder ouderlijke zorg",
            "Résolution des Nations unies sur les enfants privés de protection parentale",
            "FN-resolusjon om barn uten foreldreomsorg",
            "FN-resolution om børn uden forældreomsorg",
        ),
        "text": (
            "After years of work by us and our partners, the UN General Assembly’s committee on social and human rights adopted a resolution devoted to children without parental care in November 2019, and the Assembly confirmed it in December. It asks states to strengthen vulnerable families, to offer care that fits each child, and to support young people until they can live independently.",
            "Na jaren werk van ons en onze partners nam het comité voor sociale en mensenrechtenkwesties van de Algemene Vergadering van de VN in november 2019 een resolutie aan die helemaal over kinderen zonder ouderlijke zorg gaat; de Algemene Vergadering bevestigde ze in december. Ze vraagt staten om kwetsbare gezinnen te versterken, zorg op maat van elk kind te bieden en jongeren te steunen tot ze zelfstandig kunnen leven.",
            "Après des années de travail de notre part et de celle de nos partenaires, la commission des questions sociales et des droits de l’homme de l’Assemblée générale des Nations unies a adopté en novembre 2019 une résolution consacrée aux enfants privés de protection parentale, que l’Assemblée a confirmée en décembre. Elle demande aux États de renforcer les familles vulnérables, d’offrir une prise en charge adaptée à chaque enfant et de soutenir les jeunes jusqu’à leur autonomie.",
            "Etter mange års arbeid fra oss og partnerne våre vedtok FNs generalforsamlings komité for sosiale spørsmål og menneskerettigheter i november 2019 en resolusjon som handler om barn uten foreldreomsorg, og generalforsamlingen bekreftet den i desember. Den ber statene styrke sårbare familier, gi omsorg som er tilpasset hvert barn, og støtte unge til de kan klare seg selv.",
            "Efter mange års arbejde fra os og vores partnere vedtog FN’s generalforsamlings komité for sociale spørgsmål og menneskerettigheder i november 2019 en resolution om børn uden forældreomsorg, og generalforsamlingen bekræftede den i december. Den beder staterne om at styrke sårbare familier, give omsorg, der passer til hvert barn, og støtte unge, indtil de kan klare sig selv.",
        ),
    },
    {
        "date": date(2021, 6, 14),
        "reference": "(EU) 2021/1004",
        "url": "https://eur-lex.europa.eu/eli/reco/2021/1004/oj",
        "agendas": ["eu"],
        "demands": [("eu", 2), ("eu", 3)],
        "title": (
            "The EU adopts the European Child Guarantee",
            "De EU neemt de Europese Kindergarantie aan",
            "L’UE adopte la Garantie européenne pour l’enfance",
            "EU vedtar barnegarantien",
            "EU vedtager børnegarantien",
        ),
        "text": (
            "The Council recommended that member states give children in need free access to early education, school, health care, healthy food and decent housing. Children in alternative care, especially in institutions, are named among the children it must reach.",
            "De Raad beval de lidstaten aan om kinderen in nood gratis toegang te geven tot voorschoolse educatie, onderwijs, gezondheidszorg, gezonde voeding en behoorlijke huisvesting. Kinderen in alternatieve zorg, vooral in instellingen, worden genoemd bij de kinderen die ze moet bereiken.",
            "Le Conseil a recommandé aux États membres de garantir aux enfants dans le besoin un accès gratuit à l’éducation de la petite enfance, à l’école, aux soins de santé, à une alimentation saine et à un logement décent. Les enfants placés, en particulier en institution, figurent parmi ceux qu’elle doit atteindre.",
            "Rådet anbefalte medlemslandene å gi barn i nød gratis tilgang til barnehage, skole, helsetjenester, sunn mat og en god bolig. Barn i alternativ omsorg, særlig på institusjon, er nevnt blant barna garantien skal nå.",
            "Rådet anbefalede medlemslandene at give børn i nød gratis adgang til dagtilbud, skole, sundhedsydelser, sund mad og en ordentlig bolig. Børn i alternativ omsorg, især på institution, nævnes blandt de børn, garantien skal nå.",
        ),
    },
    {
        "date": date(2023, 1, 1),
        "reference": "LOV-2021-06-18-97",
        "url": "https://lovdata.no/dokument/NL/lov/2021-06-18-97",
        "agendas": ["norway"],
        "demands": [("norway", 5), ("norway", 4), ("norway", 2)],
        "title": (
            "Norway’s new Child Welfare Act enters into force",
            "De nieuwe Noorse wet op de jeugdbescherming treedt in werking",
            "La nouvelle loi norvégienne sur la protection de l’enfance entre en vigueur",
            "Den nye barnevernsloven trer i kraft",
            "Norges nye lov om børneforsorg træder i kraft",
        ),
        "text": (
            "The new act gives children a clearer right to take part in decisions about their own lives, and puts more weight on help before a crisis. We keep asking that brothers and sisters are placed together.",
            "De nieuwe wet geeft kinderen een duidelijker recht om mee te beslissen over hun eigen leven, en legt meer nadruk op hulp vóór een crisis. We blijven vragen dat broers en zussen samen worden geplaatst.",
            "La nouvelle loi donne aux enfants un droit plus clair à participer aux décisions qui concernent leur vie, et met davantage l’accent sur l’aide avant la crise. Nous continuons à demander que les frères et sœurs soient placés ensemble.",
            "Den nye loven gir barn en tydeligere rett til å medvirke i beslutninger om sitt eget liv, og legger mer vekt på hjelp før det blir krise. Vi fortsetter å be om at søsken plasseres sammen.",
            "Den nye lov giver børn en klarere ret til at være med i beslutninger om deres eget liv og lægger mere vægt på hjælp, før det bliver til en krise. Vi bliver ved med at bede om, at søskende anbringes sammen.",
        ),
    },
]

COALITIONS = [
    {
        "key": "pkio",
        "url": "",
        "agendas": ["belgium", "countries"],
        "name": ("Platform Kinderrechten in Ontwikkelingssamenwerking (PKIO)",) * 5,
        "description": (
            "An informal Belgian network of organisations with expertise in children’s rights and development cooperation. As a member, we work for the widest possible support in Belgium for children’s rights in development cooperation.",
            "Een informeel Belgisch samenwerkingsverband van organisaties met expertise in kinderrechten en ontwikkelingssamenwerking. Als lid werken we aan een zo breed mogelijk draagvlak in België voor kinderrechten in ontwikkelingssamenwerking.",
            "Un réseau belge informel d’organisations spécialisées dans les droits de l’enfant et la coopération au développement. En tant que membre, nous travaillons à rallier le plus large soutien possible en Belgique aux droits de l’enfant dans la coopération au développement.",
            "Et uformelt belgisk nettverk av organisasjoner med kompetanse på barns rettigheter og utviklingssamarbeid. Som medlem arbeider vi for bredest mulig støtte i Belgia til barns rettigheter i utviklingssamarbeidet.",
            "Et uformelt belgisk netværk af organisationer med ekspertise i børns rettigheder og udviklingssamarbejde. Som medlem arbejder vi for den bredest mulige opbakning i Belgien til børns rettigheder i udviklingssamarbejdet.",
        ),
    },
    {
        "key": "eurochild",
        "url": "https://eurochild.org/",
        "agendas": ["eu"],
        "name": ("Eurochild",) * 5,
        "description": (
            "A European network of organisations working with and for children. Together we ask the EU to end the placement of children in large institutions.",
            "Een Europees netwerk van organisaties die met en voor kinderen werken. Samen vragen we de EU om een einde te maken aan de plaatsing van kinderen in grote instellingen.",
            "Un réseau européen d’organisations qui travaillent avec et pour les enfants. Ensemble, nous demandons à l’UE de mettre fin au placement d’enfants dans de grandes institutions.",
            "Et europeisk nettverk av organisasjoner som arbeider med og for barn. Sammen ber vi EU om å få slutt på at barn plasseres i store institusjoner.",
            "Et europæisk netværk af organisationer, der arbejder med og for børn. Sammen beder vi EU om at gøre en ende på, at børn anbringes på store institutioner.",
        ),
    },
]

PUBLICATIONS = [
    {
        "key": "child-rights-guide",
        "date": date(2020, 10, 1),
        "language": "nl",
        "agendas": ["belgium", "countries"],
        "pages": [
            "Kinderrechten integreren in programma’s",
            "voor ontwikkelingssamenwerking",
            "",
            "Een inspiratiegids van het Platform Kinderrechten",
            "in Ontwikkelingssamenwerking.",
            "",
            "Voorbeelddocument voor de demonstratiesite.",
        ],
        "title": (
            "Integrating children’s rights into development cooperation programmes",
            "Kinderrechten integreren in programma’s voor ontwikkelingssamenwerking",
            "Intégrer les droits de l’enfant dans les programmes de coopération au développement",
            "Barns rettigheter i programmer for utviklingssamarbeid",
            "Børns rettigheder i programmer for udviklingssamarbejde",
        ),
        "summary": (
            "An inspiration guide we wrote with the Belgian platform on children’s rights in development cooperation, to help organisations in the sector give children’s rights a place in their programmes.",
            "Een inspiratiegids die we samen met het Platform Kinderrechten in Ontwikkelingssamenwerking schreven, om organisaties in de sector te helpen kinderrechten een plaats te geven in hun programma’s.",
            "Un guide d’inspiration rédigé avec la plateforme belge des droits de l’enfant dans la coopération au développement, pour aider les organisations du secteur à faire une place aux droits de l’enfant dans leurs programmes.",
            "En inspirasjonsguide vi skrev sammen med den belgiske plattformen for barns rettigheter i utviklingssamarbeid, for å hjelpe organisasjoner i sektoren å gi barns rettigheter en plass i programmene sine.",
            "En inspirationsguide, vi skrev sammen med den belgiske platform for børns rettigheder i udviklingssamarbejde, for at hjælpe organisationer i sektoren med at give børns rettigheder en plads i deres programmer.",
        ),
    },
    {
        "key": "siblings-together",
        "date": date(2024, 3, 1),
        "language": "nb",
        "agendas": ["norway"],
        "pages": [
            "Søsken sammen",
            "",
            "Hvorfor brødre og søstre bør få vokse opp",
            "i samme hjem når de ikke kan bo hjemme.",
            "",
            "Eksempeldokument for demonstrasjonsnettstedet.",
        ],
        "title": (
            "Siblings together",
            "Broers en zussen samen",
            "Frères et sœurs ensemble",
            "Søsken sammen",
            "Søskende sammen",
        ),
        "summary": (
            "Our position paper on why brothers and sisters who can not live at home should grow up in the same home, and what the Norwegian child welfare services need to make that possible.",
            "Ons standpunt over waarom broers en zussen die niet thuis kunnen wonen in hetzelfde huis zouden moeten opgroeien, en wat de Noorse jeugdbescherming nodig heeft om dat mogelijk te maken.",
            "Notre note de position : pourquoi des frères et sœurs qui ne peuvent pas vivre chez eux devraient grandir sous le même toit, et ce dont la protection de l’enfance norvégienne a besoin pour le permettre.",
            "Vårt innspill om hvorfor søsken som ikke kan bo hjemme, bør vokse opp i samme hjem, og hva barnevernet i Norge trenger for å få det til.",
            "Vores holdningspapir om, hvorfor søskende, der ikke kan bo hjemme, bør vokse op i samme hjem, og hvad den norske børneforsorg har brug for for at gøre det muligt.",
        ),
    },
]


def demo_pdf(lines):
    """A one-page A4 PDF with a few lines of text, drawn by Pillow (about 2 KB)."""
    page = Image.new("L", (827, 1169), 255)
    pen = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=26)
    for number, line in enumerate(lines):
        pen.text((80, 120 + number * 44), line, font=font, fill=0)
    buffer = BytesIO()
    page.convert("1").save(buffer, "PDF", resolution=100)
    return buffer.getvalue()


class Command(BaseCommand):
    help = "Load the demo advocacy content (updates it when run again)."

    def handle(self, *args, **options):
        agendas = {data["key"]: self.agenda(data) for data in AGENDAS}
        demands = {
            (key, number): demand
            for key, agenda in agendas.items()
            for number, demand in enumerate(agenda.demands.order_by("order"), start=1)
        }
        for data in MILESTONES:
            self.milestone(data, agendas, demands)
        for data in COALITIONS:
            coalition = Coalition.objects.filter(name_en=data["name"][0]).first() or Coalition()
            set_translations(coalition, name=data["name"], description=data["description"])
            coalition.url = data["url"]
            coalition.save()
            coalition.agendas.set([agendas[key] for key in data["agendas"]])
        for data in PUBLICATIONS:
            self.publication(data, agendas)
        self.stdout.write(
            f"Agendas: {len(agendas)}, demands: {len(demands)}, milestones: {len(MILESTONES)}"
        )

    def agenda(self, data):
        agenda = Agenda.objects.filter(slug_en=data["slug"][0]).first() or Agenda()
        set_translations(
            agenda,
            title=data["title"],
            slug=data["slug"],
            introduction=data["introduction"],
            addressee=data["addressee"],
        )
        agenda.scope, agenda.country = data["scope"], data["country"]
        agenda.order, agenda.published = data["order"], True
        agenda.save()
        agenda.programmes.set(Programme.objects.filter(slug_en__in=data["programmes"]))
        for order, (text, steps, *evidence) in enumerate(data["demands"], start=1):
            demand = Demand.objects.filter(agenda=agenda, order=order).first()
            demand = demand or Demand(agenda=agenda, order=order)
            set_translations(demand, text=text)
            demand.status, demand.status_changed_on = steps[-1]
            demand.evidence_url = evidence[0] if evidence else ""
            demand.save()
            # The history is written out in full, so that reloading never adds to it.
            demand.status_changes.all().delete()
            for status, changed_on in steps:
                url = demand.evidence_url if status == demand.status else ""
                demand.status_changes.create(status=status, changed_on=changed_on, evidence_url=url)
        agenda.demands.filter(order__gt=len(data["demands"])).delete()
        return agenda

    def milestone(self, data, agendas, demands):
        milestone = Milestone.objects.filter(document_reference=data["reference"]).first()
        milestone = milestone or Milestone(document_reference=data["reference"])
        set_translations(milestone, title=data["title"], text=data["text"])
        milestone.date, milestone.url, milestone.published = data["date"], data["url"], True
        milestone.save()
        milestone.agendas.set([agendas[key] for key in data["agendas"]])
        milestone.demands.set([demands[ref] for ref in data["demands"]])

    def publication(self, data, agendas):
        publication = Publication.objects.filter(title_en=data["title"][0]).first()
        publication = publication or Publication()
        set_translations(publication, title=data["title"], summary=data["summary"])
        publication.date, publication.language = data["date"], data["language"]
        publication.published = True
        if not publication.file:
            publication.file = SimpleUploadedFile(
                f"{data['key']}.pdf", demo_pdf(data["pages"]), content_type="application/pdf"
            )
        publication.save()
        publication.agendas.set([agendas[key] for key in data["agendas"]])
