"""The fictional sample contributions of the demo, as data: who, when, in which format, the text.

Every text opens with the SAMPLE banner: these are invented for demonstration and are not the
views of any State or organisation.  A paragraph starting with ``# `` is a heading.
``build_scripts/make_demo.py`` turns this into the files of ``resources/demo/``.
"""

BANNER = "SAMPLE — fictional contribution for demonstration; not the view of any State or organisation."
BANNER_FR = "EXEMPLE — contribution fictive pour démonstration ; ne reflète la position d'aucun État ni d'aucune organisation."
BANNER_ES = "EJEMPLO — contribución ficticia de demostración; no refleja la posición de ningún Estado ni organización."

SAMPLES = [
    {
        "file": "01_Austria_note_verbale.docx",
        "paragraphs": [
            BANNER,
            "Permanent Mission of Austria to the United Nations Office at Geneva",
            "Note verbale No. GVA-CCM/2020/17 (SAMPLE)",
            "The Permanent Mission of Austria to the United Nations Office and other international organisations in Geneva presents its compliments to the Presidency of the Second Review Conference of the Convention on Cluster Munitions and, with reference to the concept note on the Lausanne Action Plan, has the honour to submit the following comments.",
            "# Structure",
            "Austria considers that the main objective of the Lausanne Action Plan should be a world free of cluster munitions, with concrete and measurable steps for the period 2021-2026.",
            "Austria favours one or more specific indicators for each action rather than a few expected results per section, as this would allow States Parties to measure progress in a transparent manner.",
            "A baseline for these indicators should be developed by the Implementation Support Unit on the basis of the Article 7 reports submitted in 2020.",
            "# Universalisation",
            "Austria considers that the rate of ratification and accession could be accelerated through regional workshops led by the coordinators and supported by the Implementation Support Unit.",
            "The Convention's norm should be promoted by condemning any use of cluster munitions by any actor, in line with the declarations of the Meetings of States Parties.",
            "# Victim assistance",
            "Austria proposes that victim assistance be integrated into broader national frameworks on disability, health and human rights, with a focal point in each affected State.",
            "The Permanent Mission of Austria avails itself of this opportunity to renew to the Presidency the assurances of its highest consideration.",
            "Geneva, 3 June 2020",
        ],
    },
    {
        "file": "02_France_lettre.pdf",
        "paragraphs": [
            BANNER_FR,
            "Représentation permanente de la France auprès de la Conférence du désarmement à Genève",
            "Monsieur le Président,",
            "J'ai l'honneur de vous transmettre les observations de la France sur la note conceptuelle relative au Plan d'action de Lausanne.",
            "La France estime qu'une introduction courte, rappelant les acquis du Plan d'action de Dubrovnik, serait utile, mais qu'un recueil de bonnes pratiques ne devrait pas alourdir le document.",
            "S'agissant de l'universalisation, la France soutient le maintien des actions du Plan d'action de Dubrovnik et propose d'y ajouter un dialogue régulier avec les États non parties qui ont déclaré un moratoire.",
            "En matière de destruction des stocks, la France considère que les États parties ayant achevé la destruction devraient partager leur expérience technique, notamment sur les méthodes respectueuses de l'environnement.",
            "La France est favorable à un chapitre consacré aux questions transversales plutôt qu'à leur intégration dans chaque section, afin de préserver la lisibilité du Plan.",
            "La France souligne enfin l'importance de la transparence et encourage tous les États parties à soumettre leurs rapports au titre de l'article 7 dans les délais.",
            "Je vous prie d'agréer, Monsieur le Président, l'assurance de ma haute considération.",
        ],
    },
    {
        "file": "03_Mexico_nota_verbal.docx",
        "paragraphs": [
            BANNER_ES,
            "Misión Permanente de México ante la Oficina de las Naciones Unidas en Ginebra",
            "La Misión Permanente de México ante la Oficina de las Naciones Unidas y otros organismos internacionales con sede en Ginebra saluda atentamente a la Presidencia de la Segunda Conferencia de Examen de la Convención sobre Municiones en Racimo y tiene el honor de presentar sus comentarios sobre la nota conceptual del Plan de Acción de Lausana.",
            "# Cuestiones transversales",
            "México considera que el Plan de Acción de Lausana debe incluir acciones transversales sobre género y diversidad, y que estas deben integrarse en todas las secciones del documento.",
            "# Asistencia a las víctimas",
            "México propone que la asistencia a las víctimas adopte un enfoque de derechos humanos, en consonancia con la Convención sobre los derechos de las personas con discapacidad.",
            "# Cooperación y asistencia internacionales",
            "México apoya el fortalecimiento de la cooperación regional y Sur-Sur, así como la creación de alianzas entre Estados afectados y donantes.",
            "La Misión Permanente de México aprovecha la oportunidad para reiterar a la Presidencia las seguridades de su más alta y distinguida consideración.",
        ],
    },
    {
        "file": "04_Ghana_email.eml",
        "email": {
            "from": "Permanent Mission of Ghana (SAMPLE) <sample.ghana@example.org>",
            "subject": "SAMPLE - Ghana comments on the LAP concept note",
            "date": "Sat, 06 Jun 2020 10:12:00 +0200",
        },
        "paragraphs": [
            BANNER,
            "Dear Presidency,",
            "The Permanent Mission of Ghana is pleased to share its views on the concept note on the Lausanne Action Plan.",
            "Ghana supports a dedicated section on universalisation and believes that the rate of accession in Africa can be improved through peer-to-peer outreach by African States Parties.",
            "Ghana is concerned that the national implementation measures of many States Parties remain incomplete and proposes that the Lausanne Action Plan include an action on model legislation.",
            "Ghana also supports strengthening international cooperation and assistance, in particular for stockpile destruction in States with limited resources.",
            "Kind regards,",
            "Permanent Mission of Ghana, Geneva (SAMPLE)",
        ],
    },
    {
        "file": "05_Philippines_letter.txt",
        "paragraphs": [
            BANNER,
            "Permanent Mission of the Republic of the Philippines, Geneva",
            "The Philippines thanks the Presidency for the concept note on the Lausanne Action Plan.",
            "On clearance and risk reduction education, the Philippines proposes that risk reduction education be tailored to the communities most exposed, including children and displaced persons.",
            "The Philippines considers that clearance actions should be measured by the area released and by the number of people who can use their land again, not only by the number of items destroyed.",
            "On transparency, the Philippines suggests simplifying the Article 7 reporting format so that small delegations can report on time.",
            "The Philippines stands ready to contribute to the preparations for the Second Review Conference.",
        ],
    },
    {
        "file": "06_Croatia_note_verbale.pdf",
        "paragraphs": [
            BANNER,
            "Permanent Mission of the Republic of Croatia to the United Nations Office at Geneva",
            "The Permanent Mission of the Republic of Croatia presents its compliments to the Presidency of the Second Review Conference and has the honour to transmit its comments on the concept note.",
            "As a State Party that has completed its clearance obligations, Croatia supports an action encouraging States to share lessons learned on land release and survey methodologies.",
            "Croatia considers that a few expected results for each section, as in the Dubrovnik Action Plan, have proven their worth and should be retained.",
            "Croatia proposes that the section on victim assistance include an action on the psychological and social support of survivors and their families.",
            "The Permanent Mission of the Republic of Croatia avails itself of this opportunity to renew the assurances of its highest consideration.",
        ],
    },
    {
        "file": "07_Joint_statement_Ireland_New_Zealand_Chile.docx",
        "paragraphs": [
            BANNER,
            "Joint submission by Chile, Ireland and New Zealand on the concept note on the Lausanne Action Plan",
            "# General comments",
            "Chile, Ireland and New Zealand welcome the concept note and support a concise, action-oriented Lausanne Action Plan with clear indicators.",
            "Our delegations propose that gender and the diverse needs of affected communities be mainstreamed throughout the Lausanne Action Plan rather than treated in a separate chapter.",
            "# Universalisation",
            "We support an action calling on all States Parties to raise the Convention in their bilateral contacts with States not party, and to report on these efforts.",
            "We propose an indicator on the number of States that have joined the Convention since the First Review Conference.",
            "# Stockpile destruction",
            "We are concerned by the retention of cluster munitions for training and development purposes and propose that the Plan call for the number of retained sub-munitions to be kept to the absolute minimum.",
        ],
    },
    {
        "file": "08_Indonesia_email.eml",
        "email": {
            "from": "Permanent Mission of Indonesia (SAMPLE) <sample.indonesia@example.org>",
            "subject": "SAMPLE - Views of Indonesia on the Lausanne Action Plan",
            "date": "Tue, 09 Jun 2020 16:40:00 +0200",
        },
        "paragraphs": [
            BANNER,
            "Excellency,",
            "As a signatory State, Indonesia appreciates the opportunity to contribute to the consultation on the Lausanne Action Plan.",
            "Indonesia considers that universalisation efforts should take into account the national circumstances and capacities of each signatory State.",
            "Indonesia supports international cooperation and assistance to help signatories prepare for ratification, including assistance with national legislation.",
            "Please accept, Excellency, the assurances of our highest consideration.",
        ],
    },
    {
        "file": "09_ICRC_letter.pdf",
        "paragraphs": [
            BANNER,
            "International Committee of the Red Cross, Geneva",
            "The ICRC welcomes the concept note and offers the following observations on the Lausanne Action Plan.",
            "The ICRC recommends that the victim assistance section address the needs of all persons with disabilities in affected communities, without discrimination between survivors of different weapons.",
            "The ICRC considers that national implementation measures, including penal sanctions, are essential and encourages an action on the adoption of comprehensive national legislation.",
            "The ICRC supports a clear norm against any use of cluster munitions and proposes that the Plan call on States Parties to condemn use by any actor.",
        ],
    },
    {
        "file": "10_Cluster_Munition_Coalition.eml",
        "email": {
            "from": "Cluster Munition Coalition (SAMPLE) <sample.cmc@example.org>",
            "subject": "SAMPLE - CMC submission on the LAP concept note",
            "date": "Mon, 08 Jun 2020 18:05:00 +0200",
        },
        "paragraphs": [
            BANNER,
            "Dear Mr President,",
            "The Cluster Munition Coalition welcomes the opportunity to comment on the concept note.",
            "The CMC proposes that every action of the Lausanne Action Plan have a measurable indicator and a deadline, reported on each year in the Cluster Munition Monitor and the Article 7 reports.",
            "The CMC is concerned that several States Parties have missed their stockpile destruction deadlines and calls for an action requiring States to present a time-bound plan.",
            "The CMC supports meaningful participation of survivors and civil society in all work under the Convention.",
            "With best regards,",
            "Cluster Munition Coalition (SAMPLE)",
        ],
    },
    {
        "file": "11_Colombia_nota.pdf",
        "paragraphs": [
            BANNER_ES,
            "Misión Permanente de Colombia ante las Naciones Unidas en Ginebra",
            "Colombia agradece a la Presidencia la nota conceptual y presenta las siguientes observaciones.",
            "Colombia propone que la educación sobre la reducción del riesgo se integre con las actividades de desminado humanitario y se adapte a las comunidades rurales.",
            "Colombia considera que la cooperación internacional debe orientarse a los Estados afectados con mayores necesidades y apoya el intercambio de experiencias entre Estados de la región.",
            "Colombia apoya medidas de transparencia que permitan conocer los recursos destinados a la asistencia a las víctimas.",
        ],
    },
    {
        "file": "12_Senegal_note_verbale.txt",
        "paragraphs": [
            BANNER_FR,
            "Mission permanente du Sénégal auprès de l'Office des Nations Unies à Genève",
            "La Mission permanente du Sénégal présente ses compliments à la Présidence de la deuxième Conférence d'examen et a l'honneur de lui faire part de ses observations sur la note conceptuelle.",
            "Le Sénégal appuie l'inclusion d'un ensemble d'actions transversales, notamment sur l'égalité entre les hommes et les femmes et sur la coopération régionale.",
            "Le Sénégal propose que l'universalisation en Afrique bénéficie d'un appui des organisations régionales, en particulier de l'Union africaine.",
            "Le Sénégal s'interroge sur la manière de mesurer les progrès en matière d'assistance aux victimes et souhaite que des indicateurs simples soient retenus.",
            "La Mission permanente du Sénégal saisit cette occasion pour renouveler à la Présidence les assurances de sa haute considération.",
        ],
    },
]
