"""The model charter a space starts from: the eleven sections of a charter in their order, each
with a few generic articles, in French and in English.

Texts name the space through placeholders filled when the charter is created: {space} (its
name), {regions} (the regions it covers, or its whole country) and {country}. The key rules
(quorum, majority, number of sessions, share of women) are fields of the charter, shown in its
own table: the articles refer to them instead of repeating the figures, so that changing one
figure changes one place.
"""

from .models import SectionKind

# (kind, {language: section title}, [ {language: (article title, article text)} ])
MODEL_CHARTER = [
    (
        SectionKind.CONTEXT,
        {"fr": "Contexte et justification", "en": "Context and rationale"},
        [
            {
                "fr": (
                    "Contexte",
                    "Les territoires de {regions} ({country}) disposent d'une diaspora nombreuse, "
                    "attachée à sa terre d'origine et désireuse de contribuer à son développement. "
                    "Ses transferts, ses compétences et ses réseaux restent pourtant peu orientés "
                    "vers l'investissement productif, faute d'un lieu où collectivités, services "
                    "de l'État, diaspora, secteur privé et société civile se concertent.",
                ),
                "en": (
                    "Context",
                    "The territories of {regions} ({country}) have a large diaspora, attached to "
                    "its homeland and willing to contribute to its development. Its remittances, "
                    "skills and networks are nevertheless seldom directed towards productive "
                    "investment, for want of a place where local authorities, State services, the "
                    "diaspora, the private sector and civil society work together.",
                ),
            },
            {
                "fr": (
                    "Justification",
                    "L'espace « {space} » est créé pour offrir ce cadre permanent de dialogue, de "
                    "coordination et de suivi, afin que les initiatives de la diaspora et des "
                    "acteurs locaux se renforcent au lieu de se disperser.",
                ),
                "en": (
                    "Rationale",
                    "The space “{space}” is set up to provide this lasting framework for dialogue, "
                    "coordination and follow-up, so that the initiatives of the diaspora and of "
                    "local actors strengthen each other instead of being scattered.",
                ),
            },
        ],
    ),
    (
        SectionKind.OBJECTIVES,
        {"fr": "Objectifs", "en": "Objectives"},
        [
            {
                "fr": (
                    "Objectif général",
                    "L'espace « {space} » a pour objectif général de mobiliser la diaspora et les "
                    "acteurs de {regions} autour d'un développement local inclusif et de "
                    "l'investissement productif.",
                ),
                "en": (
                    "General objective",
                    "The general objective of the space “{space}” is to mobilise the diaspora and "
                    "the actors of {regions} around inclusive local development and productive "
                    "investment.",
                ),
            },
            {
                "fr": (
                    "Objectifs spécifiques",
                    "Il vise notamment à : partager l'information sur les opportunités "
                    "d'investissement ; identifier et prioriser des projets portés conjointement ; "
                    "faciliter l'accès des porteurs de projets aux services d'appui et aux "
                    "financements ; capitaliser les leçons apprises et les diffuser.",
                ),
                "en": (
                    "Specific objectives",
                    "It aims in particular to: share information on investment opportunities; "
                    "identify and prioritise jointly led projects; make support services and "
                    "financing easier to reach for project holders; capitalise on the lessons "
                    "learned and spread them.",
                ),
            },
        ],
    ),
    (
        SectionKind.MISSIONS,
        {"fr": "Missions", "en": "Missions"},
        [
            {
                "fr": (
                    "Missions",
                    "L'espace « {space} » est chargé de : conduire la concertation entre ses "
                    "membres ; adopter et suivre un plan d'action annuel ; formuler des "
                    "recommandations aux autorités compétentes ; accompagner les initiatives "
                    "d'investissement de la diaspora ; rendre compte de ses activités à ses "
                    "membres et au public.",
                ),
                "en": (
                    "Missions",
                    "The space “{space}” is responsible for: leading the concertation between its "
                    "members; adopting and following up a yearly action plan; making "
                    "recommendations to the competent authorities; supporting the investment "
                    "initiatives of the diaspora; reporting on its activities to its members and "
                    "to the public.",
                ),
            },
        ],
    ),
    (
        SectionKind.COMPOSITION,
        {"fr": "Format et composition", "en": "Format and composition"},
        [
            {
                "fr": (
                    "Nature",
                    "L'espace « {space} » est un cadre de concertation multi-acteurs, consultatif "
                    "et non partisan, sans personnalité juridique propre.",
                ),
                "en": (
                    "Nature",
                    "The space “{space}” is a multi-stakeholder, advisory and non-partisan "
                    "framework for concertation, without a legal personality of its own.",
                ),
            },
            {
                "fr": (
                    "Collèges",
                    "Ses membres sont répartis en collèges, dont le nombre de sièges et le droit "
                    "de vote sont fixés dans le tableau de composition de la présente charte. Les "
                    "partenaires techniques et financiers siègent avec voix consultative.",
                ),
                "en": (
                    "Colleges",
                    "Its members sit in colleges, whose number of seats and right to vote are set "
                    "in the composition table of this charter. The technical and financial "
                    "partners sit with a consultative vote.",
                ),
            },
            {
                "fr": (
                    "Représentation des femmes et des jeunes",
                    "Chaque collège veille à désigner des femmes et des jeunes parmi ses "
                    "représentants ; la part minimale de femmes fixée par la charte s'apprécie sur "
                    "l'ensemble des membres.",
                ),
                "en": (
                    "Representation of women and young people",
                    "Each college takes care to appoint women and young people among its "
                    "representatives; the minimum share of women set by the charter is assessed "
                    "over all the members.",
                ),
            },
        ],
    ),
    (
        SectionKind.BODIES,
        {"fr": "Organes", "en": "Bodies"},
        [
            {
                "fr": (
                    "Assemblée plénière",
                    "L'assemblée plénière réunit l'ensemble des membres. Elle adopte la charte et "
                    "ses révisions, le plan d'action et le rapport annuel, et élit le bureau.",
                ),
                "en": (
                    "Plenary assembly",
                    "The plenary assembly brings all the members together. It adopts the charter "
                    "and its revisions, the action plan and the annual report, and elects the "
                    "bureau.",
                ),
            },
            {
                "fr": (
                    "Bureau",
                    "Le bureau, composé d'un président, d'un vice-président issu de la diaspora, "
                    "d'un rapporteur et d'un représentant de chaque collège, prépare les sessions "
                    "plénières et veille à la mise en œuvre de leurs décisions.",
                ),
                "en": (
                    "Bureau",
                    "The bureau, made up of a chair, a vice-chair from the diaspora, a rapporteur "
                    "and one representative of each college, prepares the plenary sessions and "
                    "sees to the implementation of their decisions.",
                ),
            },
            {
                "fr": (
                    "Secrétariat technique",
                    "Le secrétariat technique convoque les réunions, tient les comptes rendus, "
                    "l'annuaire des membres et les documents de l'espace « {space} », et assure le "
                    "suivi des recommandations.",
                ),
                "en": (
                    "Technical secretariat",
                    "The technical secretariat calls the meetings, keeps the minutes, the "
                    "directory of members and the documents of the space “{space}”, and follows up "
                    "the recommendations.",
                ),
            },
        ],
    ),
    (
        SectionKind.FUNCTIONING,
        {"fr": "Fonctionnement", "en": "Functioning"},
        [
            {
                "fr": (
                    "Fréquence des réunions",
                    "L'assemblée plénière et le bureau se réunissent au moins aussi souvent que le "
                    "prévoient les règles clés de la charte, et en session extraordinaire à la "
                    "demande du président ou d'un tiers des membres.",
                ),
                "en": (
                    "Frequency of meetings",
                    "The plenary assembly and the bureau meet at least as often as the key rules "
                    "of the charter provide, and in extraordinary session when the chair or a "
                    "third of the members ask for it.",
                ),
            },
            {
                "fr": (
                    "Quorum",
                    "L'assemblée plénière ne délibère valablement que si le quorum fixé par les "
                    "règles clés est atteint ; à défaut, elle est convoquée à nouveau et délibère "
                    "sans condition de quorum.",
                ),
                "en": (
                    "Quorum",
                    "The plenary assembly deliberates validly only when the quorum set by the key "
                    "rules is reached; failing that, it is called again and deliberates without a "
                    "quorum.",
                ),
            },
            {
                "fr": (
                    "Prise de décision",
                    "Les décisions sont prises par consensus. Lorsque le consensus ne peut être "
                    "atteint, elles sont soumises au vote à la majorité fixée par les règles clés.",
                ),
                "en": (
                    "Decision-making",
                    "Decisions are taken by consensus. When consensus cannot be reached, they are "
                    "put to a vote with the majority set by the key rules.",
                ),
            },
            {
                "fr": (
                    "Voix délibératives et consultatives",
                    "Seuls les membres des collèges à voix délibérative prennent part au vote ; "
                    "les membres à voix consultative sont entendus et leurs avis consignés au "
                    "compte rendu.",
                ),
                "en": (
                    "Deliberative and consultative votes",
                    "Only the members of the colleges with a deliberative vote take part in the "
                    "vote; members with a consultative vote are heard and their opinions recorded "
                    "in the minutes.",
                ),
            },
        ],
    ),
    (
        SectionKind.PRIORITIES,
        {"fr": "Priorités thématiques", "en": "Thematic priorities"},
        [
            {
                "fr": (
                    "Priorités",
                    "L'espace « {space} » retient comme priorités l'agriculture et la "
                    "transformation des produits locaux, l'emploi des jeunes et des femmes, les "
                    "infrastructures sociales de base et le tourisme ; l'assemblée plénière peut "
                    "les revoir chaque année.",
                ),
                "en": (
                    "Priorities",
                    "The space “{space}” sets as priorities agriculture and the processing of "
                    "local products, jobs for young people and women, basic social infrastructure "
                    "and tourism; the plenary assembly may review them every year.",
                ),
            },
        ],
    ),
    (
        SectionKind.RESOURCES,
        {"fr": "Ressources et financement", "en": "Resources and financing"},
        [
            {
                "fr": (
                    "Ressources",
                    "Le fonctionnement de l'espace « {space} » est financé par les contributions "
                    "des collectivités membres, les apports de la diaspora et les appuis des "
                    "partenaires techniques et financiers.",
                ),
                "en": (
                    "Resources",
                    "The running of the space “{space}” is financed by the contributions of the "
                    "member local authorities, the contributions of the diaspora and the support "
                    "of the technical and financial partners.",
                ),
            },
            {
                "fr": (
                    "Transparence",
                    "Le secrétariat technique présente chaque année à l'assemblée plénière l'état "
                    "des ressources reçues et de leur emploi.",
                ),
                "en": (
                    "Transparency",
                    "Every year the technical secretariat presents to the plenary assembly the "
                    "resources received and how they were used.",
                ),
            },
        ],
    ),
    (
        SectionKind.MONITORING,
        {"fr": "Suivi et évaluation", "en": "Monitoring and evaluation"},
        [
            {
                "fr": (
                    "Suivi",
                    "Le plan d'action est suivi au moyen d'indicateurs renseignés par le "
                    "secrétariat technique et présentés au bureau à chacune de ses réunions.",
                ),
                "en": (
                    "Monitoring",
                    "The action plan is followed up through indicators kept by the technical "
                    "secretariat and presented to the bureau at each of its meetings.",
                ),
            },
            {
                "fr": (
                    "Évaluation et capitalisation",
                    "Une évaluation annuelle mesure les résultats obtenus ; les leçons apprises et "
                    "les recommandations qui en découlent sont consignées et diffusées.",
                ),
                "en": (
                    "Evaluation and capitalisation",
                    "A yearly evaluation measures the results achieved; the lessons learned and "
                    "the recommendations that follow are recorded and shared.",
                ),
            },
        ],
    ),
    (
        SectionKind.REVISION,
        {"fr": "Révision", "en": "Revision"},
        [
            {
                "fr": (
                    "Révision de la charte",
                    "La présente charte peut être révisée par l'assemblée plénière, sur "
                    "proposition du bureau ou d'un tiers des membres ; chaque révision fait "
                    "l'objet d'une nouvelle version approuvée.",
                ),
                "en": (
                    "Revision of the charter",
                    "This charter may be revised by the plenary assembly, on a proposal of the "
                    "bureau or of a third of the members; each revision is a new approved version.",
                ),
            },
        ],
    ),
    (
        SectionKind.OTHER,
        {"fr": "Dispositions finales", "en": "Final provisions"},
        [
            {
                "fr": (
                    "Entrée en vigueur",
                    "La présente charte entre en vigueur dès sa publication ; elle est portée à la "
                    "connaissance de tous les membres de l'espace « {space} ».",
                ),
                "en": (
                    "Entry into force",
                    "This charter comes into force on its publication; it is brought to the "
                    "attention of all the members of the space “{space}”.",
                ),
            },
        ],
    ),
]

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

# How {regions} reads: "A, B et C", or the whole country when the space names no region.
REGION_WORDS = {
    "fr": {"and": " et ", "whole": "l'ensemble du pays"},
    "en": {"and": " and ", "whole": "the whole country"},
}
TITLES = {"fr": "Charte — {space}", "en": "Charter — {space}"}
PREAMBLES = {
    "fr": (
        "Les membres de l'espace « {space} », réunis en assemblée plénière, adoptent la présente "
        "charte qui fixe les objectifs, la composition, les organes et les règles de "
        "fonctionnement de leur espace de concertation."
    ),
    "en": (
        "The members of the space “{space}”, meeting in plenary assembly, adopt this charter, "
        "which sets the objectives, composition, bodies and rules of their concertation space."
    ),
}
