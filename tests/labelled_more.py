"""More real posts for the labelled set (tests/labelled_posts.py explains the format).

Found through the workplace search index's stored copies of public pages; each entry's
`url` is the page it was seen on (a listing page when the post was seen there). Marker
lines and headings are as the sites spell them; everything else is written here.
"""

from __future__ import annotations

FORUMIAS = "https://forumias.com/blog/"
BLOG_FORUMIAS = "https://blog.forumias.com/"
SHANKAR = "https://shankariasparliament.com/current-affairs"
DRISHTI_HI = "https://drishtiias.com/hindi/mains-practice-question/"
MAINS_ORIENTED = (
    "contents",
    [
        "Mains Oriented Articles",
        "GS Paper 1",
        "GS Paper 2",
        "GS Paper 3",
        "Prelims Oriented Articles (Factly)",
    ],
)

POSTS = [
    # ForumIAS "9 PM Daily Current Affairs Brief": a compilation whose sections are papers
    # and whose every article carries its own "Syllabus:" line.
    {
        "url": FORUMIAS + "9-pm-daily-current-affairs-brief-september-20th-2023/",
        "site": "forumias", "title": "9 PM Daily Current Affairs Brief – September 20th, 2023",
        "parts": [MAINS_ORIENTED, ("section", "GS Paper 2"),
                  ("item", "The ‘mantras’ that powered success at the G-20 summit",
                   "Syllabus: GS2- International relation- Bilateral, regional and global "
                   "groupings and agreements involving India and/or affecting India’s "
                   "interests.")],
        "expected": {"The ‘mantras’ that powered success at the G-20 summit": ["GS2"]},
    },
    {
        "url": BLOG_FORUMIAS + "9-pm-daily-brief-october-272020/",
        "site": "forumias", "title": "9 PM Daily Brief – October 27,2020",
        "parts": [("item", "Changing nature of India – US relationship",
                   "Syllabus- GS 2 – Bilateral, regional and global groupings and agreements "
                   "involving India and/or affecting India’s interests.")],
        "expected": {"Changing nature of India – US relationship": ["GS2"]},
    },
    {
        "url": FORUMIAS + "9-pm-daily-current-affairs-brief-september-21st-2023/",
        "site": "forumias", "title": "9 PM Daily Current Affairs Brief – September 21st, 2023",
        "parts": [MAINS_ORIENTED, ("section", "GS Paper 1"),
                  ("item", "Legislating change- The Women’s Reservation Bill must be "
                           "implemented without delay",
                   "Syllabus: GS1- Society- social empowerment & GS2- Polity- constitutional "
                   "amendment, Functions and responsibilities of the Union and the States")],
        "expected": {"Legislating change- The Women’s Reservation Bill must be implemented "
                     "without delay": ["GS1", "GS2"]},
    },
    {
        "url": FORUMIAS + "?p=257211",
        "site": "forumias", "title": "9 PM Daily Current Affairs Brief – August 24th, 2023",
        "parts": [MAINS_ORIENTED, ("section", "GS Paper 2"),
                  ("item", "The U.K.India relationship is alive with opportunity",
                   "Syllabus: GS2- Bilateral groupings and agreements")],
        "expected": {"The U.K.India relationship is alive with opportunity": ["GS2"]},
    },
    {
        "url": FORUMIAS + "9-pm-daily-current-affairs-brief-december-27th-2022/",
        "site": "forumias", "title": "9 PM Daily Current Affairs Brief – December 27th, 2022",
        "parts": [MAINS_ORIENTED, ("section", "GS Paper 1"),
                  ("item", "Archive-Nirbhar India: Ministries must share records with "
                           "National Archives",
                   "Syllabus: GS – 1: Salient aspects of Art Forms, literature and "
                   "Architecture from ancient to modern times.")],
        "expected": {"Archive-Nirbhar India: Ministries must share records with National "
                     "Archives": ["GS1"]},
    },
    {
        "url": BLOG_FORUMIAS + "9-pm-daily-current-affairs-brief-september-11th-2023/",
        "site": "forumias", "title": "9 PM Daily Current Affairs Brief – September 11th, 2023",
        "parts": [MAINS_ORIENTED, ("section", "GS Paper 2"),
                  ("item", "An unforgettable presidency – on G20 Summit",
                   "Syllabus: GS1: Art and culture- India’s soft power & GS2- International "
                   "relation- Bilateral, regional and global groupings and agreements "
                   "involving India and/or affecting India’s interests.")],
        "expected": {"An unforgettable presidency – on G20 Summit": ["GS1", "GS2"]},
    },
    {
        "url": BLOG_FORUMIAS + "9-pm-daily-current-affairs-brief-march-29th-2022//",
        "site": "forumias", "title": "9 PM Daily Current Affairs Brief – March 29th, 2022",
        "parts": [MAINS_ORIENTED, ("section", "GS Paper 1"),
                  ("item", "NALSAR University shows how meaningful action can be taken for "
                           "LGBTQI+ inclusivity", "Syllabus: GS1 – Indian Society")],
        "expected": {"NALSAR University shows how meaningful action can be taken for LGBTQI+ "
                     "inclusivity": ["GS1"]},
    },
    {
        "url": BLOG_FORUMIAS + "9-pm-current-affairs-brief-27th-december-2017/",
        "site": "forumias", "title": "9 PM Current Affairs Brief – 27th December, 2017",
        "parts": [("section", "GS: 2"), ("item", "Rs 40000 cr forest fund in limbo", None)],
        "expected": {"Rs 40000 cr forest fund in limbo": ["GS2"]},
    },
    # InsightsIAS: the daily compilation's contents name the sections it holds.
    {
        "url": "https://www.insightsonindia.com/2022/08/23/mission-2023-insights-daily-"
               "current-affairs-pib-summary-23-august-2022/",
        "site": "insightsonindia",
        "title": "MISSION-2023: INSIGHTS DAILY CURRENT AFFAIRS + PIB SUMMARY- 23 August 2022",
        "parts": [
            ("contents", ["GS Paper 2:", "GS Paper 3:", "GS Paper 4:",
                          "Content for Mains Enrichment (Ethics/Essay)", "Facts for Prelims:"]),
            ("section", "GS Paper 2"),
            ("item", "A report on the rural jobs scheme",
             "Syllabus: Government Policies and Interventions"),
            ("section", "GS Paper 3"), ("item", "Women in Science", None),
            ("section", "GS Paper 4"), ("item", "Ethics of Philanthropy", None),
            ("section", "Content for Mains Enrichment (Ethics/Essay)"),
            ("item", "Vedh Project", None),
            ("section", "Facts for Prelims:"), ("item", "Pandurang Khankhoje", None),
            ("item", "Cloudburst", None),
        ],
        "expected": {"A report on the rural jobs scheme": ["GS2"], "Women in Science": ["GS3"],
                     "Ethics of Philanthropy": ["GS4"], "Vedh Project": ["Essay", "GS4"],
                     "Pandurang Khankhoje": ["Prelims"], "Cloudburst": ["Prelims"]},
        "note": "the first item's heading is written here (the stored copy cut it)",
    },
    {
        "url": "https://it.scribd.com/document/302007001/Jan-2016-Xaam-in",
        "site": "insightsonindia", "title": "Insights Daily Current Events, 01 January 2016",
        "parts": [("line", "Paper 2 Topic: Government policies and interventions for "
                           "development in various sectors and issues arising out of their "
                           "design and implementation.")],
        "expected": ["GS2"],
    },
    # The Indian Express "UPSC Key": a syllabus block of Preliminary and Mains lines.
    {
        "url": "https://indianexpress.com/article/upsc-current-affairs/upsc-key-special-"
               "intensive-revision-cji-successor-pm-shri-scheme-10331964",
        "site": "indianexpress",
        "title": "UPSC Key: Special Intensive Revision, CJI successor and PM SHRI scheme",
        "parts": [("line", "Preliminary Examination: Current events of national importance, "
                           "Indian Polity and Governance-Constitution."),
                  ("line", "Mains Examination: General Studies-II: Salient features of the "
                           "Representation of People’s Act, Constitution of India — features, "
                           "significant provisions and basic structure.")],
        "expected": ["GS2", "Prelims"],
    },
    {
        "url": "https://indianexpress.com/article/upsc-current-affairs/upsc-key-june-27-2022-"
               "know-the-relevance-of-deputy-speaker-to-national-emergency-to-ranji-trophy-"
               "for-upsc-cse-7994539/",
        "site": "indianexpress", "title": "UPSC Key- June 27, 2022",
        "parts": [("line", "Syllabus:"),
                  ("line", "Preliminary Examination: Indian Polity and Governance-"
                           "Constitution, Political System, Panchayati Raj, Public Policy, "
                           "Rights Issues, etc."),
                  ("line", "Mains Examination: General Studies II: Parliament and State "
                           "legislatures—structure, functioning, conduct of business, powers & "
                           "privileges and issues arising out of these.")],
        "expected": ["GS2", "Prelims"],
    },
    {
        "url": "https://blog.lukmaanias.com/2023/01/13/?print=print-search",
        "site": "lukmaanias", "title": "TOP 5 TAKKAR NEWS OF THE DAY (13th JANUARY 2023)",
        "parts": [("section", "INDIAN POLITY"),
                  ("item", "1. WHAT IS A CURATIVE PETITION?",
                   "TAGS: PRELIMS PERSPECTIVE- GS-II- INDIAN POLITY")],
        "expected": {"1. WHAT IS A CURATIVE PETITION?": ["GS2", "Prelims"]},
    },
    {
        "url": "https://www.jatinverma.org/daily-news-prescription-24-april-2020",
        "site": "jatinverma", "title": "Daily News Prescription 24 April 2020",
        "parts": [("section", "GS1 Social Issue"),
                  ("item", "2020 - Global Report on Food Crises", None),
                  ("section", "GS3 Economy"),
                  ("item", "CSIR scientists name new test after fictional sleuth", None)],
        "expected": {"2020 - Global Report on Food Crises": ["GS1"],
                     "CSIR scientists name new test after fictional sleuth": ["GS3"]},
    },
    {
        "url": "http://www.civilsdaily.com/2018/01/12/",
        "site": "civilsdaily", "title": "ISRO successfully launches 42nd PSLV",
        "parts": [("line", "Mains Paper 3: Sci")],
        "expected": ["GS3"],
        "note": "the stored copy ends the marker line after 'Sci'",
    },
    {
        "url": "https://test.iasbaba.com/posts/?page=1",
        "site": "iasbaba", "title": "Sports Authority of India (SAI)",
        "parts": [("line", "Category: Polity and Governance")],
        "expected": ["GS2"],
    },
    {
        "url": "https://thecivilway.co.in/author/rakesh12343gmail-com",
        "site": "thecivilway", "title": "Bioremediation",
        "parts": [("line", "Category: Science and Technology")],
        "expected": ["GS3"],
    },
    {
        "url": "https://rs5000month.wordpress.com/2014/05/25/25th-may-2014-important-current-"
               "event-related-to-gs/",
        "site": "rs5000month", "title": "25th May 2014 – important current event related to GS",
        "parts": [("line", "Paper 1"), ("line", "(1)    Topic – Culture and Heritage of India")],
        "expected": ["GS1"],
    },
    # Shankar IAS Parliament: each article names its Mains paper under the title.
    {"url": SHANKAR, "site": "shankariasparliament",
     "title": "India’s 8.2% Growth Rate – The Question of Sustainability",
     "parts": [("line", "Mains: GS III – Economy")], "expected": ["GS3"]},
    {"url": SHANKAR, "site": "shankariasparliament",
     "title": "The Law on ‘Suspension of Sentence’",
     "parts": [("line", "Mains: GS II – Judiciary")], "expected": ["GS2"]},
    {"url": SHANKAR, "site": "shankariasparliament",
     "title": "Presidential Reference to Supreme Court",
     "parts": [("line", "Mains: GS II – Structure, Organization and Functioning of the "
                        "Executive and the Judiciary")], "expected": ["GS2"]},
    {"url": SHANKAR, "site": "shankariasparliament",
     "title": "Sustainable Animal Health Management in Rural India",
     "parts": [("line", "Mains: GS III – Economics of Animal-Rearing")], "expected": ["GS3"]},
    # Drishti IAS (Hindi): each practice question carries its paper and subject.
    {"url": DRISHTI_HI + "date-2017-04-10", "site": "drishtiias",
     "title": "फ्रांसीसी क्रांति: उद्देश्य और उपलब्धि (अभ्यास प्रश्न)",
     "parts": [("line", "सामान्य अध्ययन पेपर 1 इतिहास -")], "expected": ["GS1"]},
    {"url": DRISHTI_HI + "date-2017-04-10", "site": "drishtiias",
     "title": "सार्वभौमिक बुनियादी आय की चुनौतियाँ (अभ्यास प्रश्न)",
     "parts": [("line", "सामान्य अध्ययन पेपर 3 अर्थव्यवस्था -")], "expected": ["GS3"]},
    {"url": DRISHTI_HI + "date-2019-11-30", "site": "drishtiias",
     "title": "चंपारण सत्याग्रह का महत्त्व (अभ्यास प्रश्न)",
     "parts": [("line", "सामान्य अध्ययन पेपर 1 इतिहास -")], "expected": ["GS1"]},
    {"url": DRISHTI_HI + "date-2018-03-20", "site": "drishtiias",
     "title": "शैल चक्र (अभ्यास प्रश्न)",
     "parts": [("line", "सामान्य अध्ययन पेपर 1 भूगोल -")], "expected": ["GS1"]},
    {"url": DRISHTI_HI + "date-2018-03-20", "site": "drishtiias",
     "title": "शंघाई सहयोग संगठन और भारत (अभ्यास प्रश्न)",
     "parts": [("line", "सामान्य अध्ययन पेपर 2 अंतर्राष्ट्रीय संबंध -")], "expected": ["GS2"]},
    {"url": DRISHTI_HI + "date-2018-03-20", "site": "drishtiias",
     "title": "भुगतान शेष का असंतुलन (अभ्यास प्रश्न)",
     "parts": [("line", "सामान्य अध्ययन पेपर 3 अर्थव्यवस्था -")], "expected": ["GS3"]},
    {
        "url": FORUMIAS + "9-pm-daily-current-affairs-brief-september-16th-2023/",
        "site": "forumias", "title": "9 PM Daily Current Affairs Brief – September 16th, 2023",
        "parts": [MAINS_ORIENTED, ("section", "GS Paper 1"),
                  ("item", "The Rocket Fuel That Is English",
                   "Syllabus: GS 1 – Indian Society – Salient features of Indian Society")],
        "expected": {"The Rocket Fuel That Is English": ["GS1"]},
    },
    {
        "url": FORUMIAS + "9-pm-daily-current-affairs-brief-december-23rd-2023",
        "site": "forumias", "title": "9 PM Daily Current Affairs Brief – December 23rd, 2023",
        "parts": [("line", "Mains Oriented Articles"), ("section", "GS PAPER - 1"),
                  ("item", "Awards for words – The Sahitya Akademi must do more",
                   "UPSC Syllabus Topic: GS Paper 1 – Art & Culture– Indian Culture – Salient "
                   "aspects of Art Forms, Literature and Architecture from ancient to modern "
                   "times.")],
        "expected": {"Awards for words – The Sahitya Akademi must do more": ["GS1"]},
    },
    {
        "url": FORUMIAS + "?p=270387",
        "site": "forumias", "title": "9 PM Daily Current Affairs Brief – November 21st, 2023",
        "parts": [("line", "Mains Oriented Articles"), ("section", "GS PAPER - 2"),
                  ("item", "On Challenges of NGO Regulation",
                   "UPSC Syllabus Topic: GS Paper 2 Indian Polity – The role of NGOs, SHGs, "
                   "various groups and associations, donors, charities, institutional and other "
                   "stakeholders.")],
        "expected": {"On Challenges of NGO Regulation": ["GS2"]},
    },
    {
        "url": FORUMIAS + "9-pm-daily-current-affairs-brief-september-9th-2023/",
        "site": "forumias", "title": "9 PM Daily Current Affairs Brief – September 9th, 2023",
        "parts": [MAINS_ORIENTED, ("section", "GS Paper 2"),
                  ("item", "The case for decoupled elections",
                   "Syllabus: GS 2 – Indian Polity – Comparison of the Indian Constitutional "
                   "Scheme with that of Other Countries")],
        "expected": {"The case for decoupled elections": ["GS2"]},
    },
    {
        "url": "https://www.insightsonindia.com/2023/05/01/mission-2023-insights-daily-current-"
               "affairs-pib-summary-1-may-2023/",
        "site": "insightsonindia",
        "title": "MISSION-2023: INSIGHTS DAILY CURRENT AFFAIRS + PIB SUMMARY- 1 May 2023",
        "parts": [
            ("contents", ["GS Paper 2:", "1. India and BRICS", "GS Paper 3:",
                          "1. National Manufacturing Innovation Survey (NMIS) 2021-22",
                          "2. Labour Day", "3. Gig economy",
                          "Content for Mains Enrichment (CME)", "1. Shramavahini",
                          "Facts for Prelims (FFP)", "1. Thrissur Pooram", "2. Blue Hole"]),
            ("item", "India and BRICS", ("GS Paper 2", "Syllabus: International Relations")),
            ("item", "National Manufacturing Innovation Survey (NMIS) 2021-22",
             ("GS Paper 3", "Syllabus: Indian Economy")),
            ("item", "Gig economy", ("GS Paper 3", "Syllabus: Indian Economy")),
            ("section", "Content for Mains Enrichment (CME)"), ("item", "Shramavahini", None),
            ("section", "Facts for Prelims (FFP)"), ("item", "Thrissur Pooram", None),
            ("item", "Blue Hole", None),
        ],
        "expected": {"India and BRICS": ["GS2"],
                     "National Manufacturing Innovation Survey (NMIS) 2021-22": ["GS3"],
                     "Gig economy": ["GS3"], "Shramavahini": ["Essay", "GS4"],
                     "Thrissur Pooram": ["Prelims"], "Blue Hole": ["Prelims"]},
        "note": "the first item's lines are the site's; the others follow its pattern and the "
                "contents (the stored copy shows the first item only)",
    },
    # nextias: the seed site, as its REST API serves it.
    {"url": "https://www.nextias.com/ca/wp-json/wp/v2/posts/75922", "site": "nextias",
     "title": "News In Short 05-06-2026",
     "parts": [("item", "Zimbabwe", "Syllabus: GS1/Geography")],
     "expected": {"Zimbabwe": ["GS1"]}},
    {"url": "https://www.nextias.com/ca/wp-json/wp/v2/posts/25502", "site": "nextias",
     "title": "Daily Current Affairs 08-06-2024",
     "parts": [("item", "Mahatma Gandhi and Satyagraha",
                "Syllabus: GS1/Modern Indian History")],
     "expected": {"Mahatma Gandhi and Satyagraha": ["GS1"]}},
    {"url": "https://www.nextias.com/ca/current-affairs/21-04-2026/india-korea-strategic-ties",
     "site": "nextias", "title": "India-South Korea Special Strategic Partnership",
     "parts": [("line", "Syllabus: GS2/International Relations")], "expected": ["GS2"],
     "note": "post 71990, the one the project's reference copy holds"},
    {
        "url": "https://www.jatinverma.org/daily-news-prescription-28-july-2020",
        "site": "jatinverma", "title": "Daily News Prescription 28 July 2020",
        "parts": [
            ("section", "GS1: Social Issues"), ("item", "When she marries", None),
            ("section", "GS2: Polity"),
            ("item", "When can a Governor use his discretion, how has the SC ruled?", None),
            ("section", "GS2: Governance: Health"),
            ("item", "The majority cannot afford a balanced diet", None),
            ("section", "GS2: International Relations"),
            ("item", "Needed, a map for India’s foreign policy", None),
        ],
        "expected": {"When she marries": ["GS1"],
                     "When can a Governor use his discretion, how has the SC ruled?": ["GS2"],
                     "The majority cannot afford a balanced diet": ["GS2"],
                     "Needed, a map for India’s foreign policy": ["GS2"]},
    },
    # Civils Tap Himachal: each editorial opens with its paper.
    {"url": "https://civilstaphimachal.com/editorial/governance", "site": "civilstaphimachal",
     "title": "Draft rules for online gaming", "parts": [("line", "General Studies Paper-2")],
     "expected": ["GS2"]},
    {"url": "https://civilstaphimachal.com/editorial/governance", "site": "civilstaphimachal",
     "title": "Crime in India 2023 report", "parts": [("line", "General Studies Paper-2")],
     "expected": ["GS2"]},
    {"url": "https://civilstaphimachal.com/editorial/governance", "site": "civilstaphimachal",
     "title": "National Initiative on Water Security",
     "parts": [("line", "General Studies Paper 2")],
     "expected": ["GS2"]},
    {"url": "https://civilstaphimachal.com/editorials/page/124", "site": "civilstaphimachal",
     "title": "Fast growth and the question of jobs",
     "parts": [("line", "General Studies Paper 3")],
     "expected": ["GS3"]},
    {"url": "https://civilstaphimachal.com/editorials//page/275", "site": "civilstaphimachal",
     "title": "For something: On the Quad",
     "parts": [("line", "Syllabus: General Studies Paper 2")], "expected": ["GS2"]},
    {"url": "https://civilstaphimachal.com/editorials//page/275", "site": "civilstaphimachal",
     "title": "Credit Rating Agencies", "parts": [("line", "Syllabus: General Studies Paper 3")],
     "expected": ["GS3"]},
    {"url": "https://civilstaphimachal.com/editorials/page/113", "site": "civilstaphimachal",
     "title": "India and the Philippines: strategic ties",
     "parts": [("line", "General Studies Paper 2")], "expected": ["GS2"]},
    {"url": "https://thecivilway.co.in/category/current-affairs/page/4", "site": "thecivilway",
     "title": "Cancer treatment drugs", "parts": [("line", "Category: SCIENCE AND TECHNOLOGY")],
     "expected": ["GS3"]},
    {
        "url": FORUMIAS + "9-pm-daily-current-affairs-brief-april-20th-2023",
        "site": "forumias", "title": "9 PM Daily Current Affairs Brief – April 20th, 2023",
        "parts": [
            ("contents", ["Mains Oriented Articles", "GS Paper 2",
                          "India-UAE cooperation to sow regional food security",
                          "It is a new assault on India’s liberty", "GS Paper 3",
                          "Prelims Oriented Articles (Factly)",
                          "State of World Population Report, 2023"]),
            ("line", "Mains Oriented Articles"), ("section", "GS Paper 2"),
            ("item", "India-UAE cooperation to sow regional food security", None),
            ("item", "It is a new assault on India’s liberty", None),
            ("section", "Prelims Oriented Articles (Factly)"),
            ("item", "State of World Population Report, 2023", None),
        ],
        "expected": {"India-UAE cooperation to sow regional food security": ["GS2"],
                     "It is a new assault on India’s liberty": ["GS2"],
                     "State of World Population Report, 2023": ["Prelims"]},
        "note": "the items' own Syllabus lines were not in the stored copy; left out here",
    },
    {"url": "https://www.drrajkumaracademy.com/showcurraffairs?CA_Id=2668&CurrentAffair=DA",
     "site": "drrajkumaracademy", "title": "World Day against Trafficking in Persons",
     "parts": [("line", "Focus: GS1."), ("line", "Topic: Social empowerment.")],
     "expected": ["GS1"]},
    {
        "url": "https://www.insightsonindia.com/2022/12/10/mission-2023-insights-daily-current-"
               "affairs-pib-summary-10-december-2022/",
        "site": "insightsonindia",
        "title": "MISSION-2023: INSIGHTS DAILY CURRENT AFFAIRS + PIB SUMMARY- 10 December 2022",
        "parts": [
            ("contents", ["GS Paper 1:", "1. Behind Mumbai’s unusually foul air", "GS Paper 3:",
                          "1. ILO declaration urges countries to ensure labour protection",
                          "Facts for Prelims:", "1. Textbooks in Indian languages"]),
            ("item", "Behind Mumbai’s unusually foul air, changes in wind patterns",
             ("GS Paper 1", "Syllabus: Geographical phenomenon and their environmental "
                            "impacts")),
            ("item", "ILO declaration urges countries to ensure labour protection",
             ("GS Paper 3", "Syllabus: Indian Economy")),
            ("section", "Facts for Prelims:"), ("item", "Textbooks in Indian languages", None),
            ("item", "Maulana Azad Fellowship", None),
        ],
        "expected": {"Behind Mumbai’s unusually foul air, changes in wind patterns": ["GS1"],
                     "ILO declaration urges countries to ensure labour protection": ["GS3"],
                     "Textbooks in Indian languages": ["Prelims"],
                     "Maulana Azad Fellowship": ["Prelims"]},
        "note": "the first item's lines are the site's; the others follow its pattern",
    },
    {
        "url": "https://www.insightsonindia.com/2022/12/15/mission-2023-insights-daily-current-"
               "affairs-pib-summary-15-december-2022/",
        "site": "insightsonindia",
        "title": "MISSION-2023: INSIGHTS DAILY CURRENT AFFAIRS + PIB SUMMARY- 15 December 2022",
        "parts": [
            ("contents", ["GS Paper 1:", "1. Arctic Report Card", "GS Paper 2:",
                          "1. GLAAS Report on WASH", "2. India-China relations",
                          "Content for Mains Enrichment", "1. Sirisha Bandla",
                          "Facts for Prelims", "1. National Rail Plan (NRP)"]),
            ("item", "Arctic Report Card: The Arctic Is Becoming Wetter and Stormier",
             ("GS Paper 1", "Syllabus: Physical Geography (Climate)")),
            ("item", "India-China relations", ("GS Paper 2", "Syllabus: International Relations")),
            ("section", "Content for Mains Enrichment"), ("item", "Sirisha Bandla", None),
            ("section", "Facts for Prelims"), ("item", "National Rail Plan (NRP)", None),
        ],
        "expected": {"Arctic Report Card: The Arctic Is Becoming Wetter and Stormier": ["GS1"],
                     "India-China relations": ["GS2"], "Sirisha Bandla": ["Essay", "GS4"],
                     "National Rail Plan (NRP)": ["Prelims"]},
        "note": "the first item's lines are the site's; the others follow its pattern",
    },
    {"url": "https://upscpariksha.com/news/maharashtra-waterbodies-pollution-decline-and-more",
     "site": "upscpariksha", "title": "Maharashtra waterbodies: pollution and decline",
     "parts": [("line", "GS PAPER 1"), ("line", "Enviroment and Ecology")], "expected": ["GS1"]},
    {"url": "https://raghukulcs.com/daily-current-affairs-mains-upsc-16-nov-2020-raghukulcs/",
     "site": "raghukulcs", "title": "UPSC Online Editorial Analysis: How to end pollution?",
     "parts": [("line", "Title of the editorial: How to end pollution?"),
               ("line", "Topic in syllabus: Conservation, environmental pollution and "
                        "degradation, environmental impact assessment. (GS-3)")],
     "expected": ["GS3"]},
    {
        "url": "https://onlinekaburlu.com/the-hindu-07-05-2025-only-upsc-syllabus-topics",
        "site": "onlinekaburlu", "title": "THE HINDU 07.05.2025",
        "parts": [
            ("section", "📘 General Studies Paper 1: Indian Society, Geography, and History"),
            ("item", "1. Human Development Index (HDI) 2023 – India’s Standing and Inequality",
             None),
            ("section", "📗 General Studies Paper 2: Governance, Polity, Social Justice, and "
                        "International Relations"),
            ("item", "1. India–UK Free Trade Agreement (FTA) Progress", None),
            ("item", "2. SYL Canal Dispute – Centre-State Federal Challenge", None),
        ],
        "expected": {
            "1. Human Development Index (HDI) 2023 – India’s Standing and Inequality": ["GS1"],
            "1. India–UK Free Trade Agreement (FTA) Progress": ["GS2"],
            "2. SYL Canal Dispute – Centre-State Federal Challenge": ["GS2"]},
    },
    {
        "url": "https://onlinekaburlu.com/?p=2884", "site": "onlinekaburlu",
        "title": "THE HINDU 21.05.2025 (Only UPSC syllabus topics)",
        "parts": [("section", "General Studies Paper 1 (GS 1)"),
                  ("line", "Syllabus Topics Covered: Indian Heritage and Culture, History, "
                           "Geography, Society"),
                  ("item", "1. Indian Heritage and Culture", None), ("item", "2. Society", None)],
        "expected": {"1. Indian Heritage and Culture": ["GS1"], "2. Society": ["GS1"]},
    },
    {"url": "https://iasexamportal.com/blog/13?page=124", "site": "iasexamportal",
     "title": "THE GIST of Editorial for UPSC Exams : 08 October 2018 (More global R&D is "
              "needed to tackle TB)",
     "parts": [("line", "Mains Paper: 2 | Health"), ("line", "Prelims level: TB"),
               ("line", "Mains level: TB burden, the global progress against the disease has "
                        "been slow")],
     "expected": ["GS2"]},
    # Civils Tap Himachal, more of its editorial pages.
    {"url": "https://civilstaphimachal.com/editorials//page/312", "site": "civilstaphimachal",
     "title": "The e-courts project, phase III",
     "parts": [("line", "Syllabus: General Studies Paper 2 (Governance)")], "expected": ["GS2"]},
    {"url": "https://civilstaphimachal.com/editorials//page/312", "site": "civilstaphimachal",
     "title": "Sex workers and the pandemic: the case for labour rights",
     "parts": [("line", "SYLLABUS: GENERAL STUDIES PAPER 2 (GOVERNANCE)")], "expected": ["GS2"]},
    {"url": "https://civilstaphimachal.com/editorials/page/246", "site": "civilstaphimachal",
     "title": "Ease of Doing Business ranking of the States",
     "parts": [("line", "Syllabus: General Studies Paper 2")], "expected": ["GS2"]},
    {"url": "https://civilstaphimachal.com/editorials/page/246", "site": "civilstaphimachal",
     "title": "Banks' bad loans at a six-year low",
     "parts": [("line", "Syllabus: General Studies Paper 3")], "expected": ["GS3"]},
    {"url": "https://civilstaphimachal.com/editorial/history/", "site": "civilstaphimachal",
     "title": "Savitribai Phule and Rani Velu Nachiyar",
     "parts": [("line", "General Studies Paper - 1")], "expected": ["GS1"]},
    {"url": "https://civilstaphimachal.com/editorial/history/", "site": "civilstaphimachal",
     "title": "Meitei Script", "parts": [("line", "Syllabus: General Studies Paper 1")],
     "expected": ["GS1"]},
    {"url": "https://civilstaphimachal.com/editorial/history/", "site": "civilstaphimachal",
     "title": "Mahaparinirvan Diwas", "parts": [("line", "Syllabus: General Studies Paper 1")],
     "expected": ["GS1"]},
    {"url": "https://civilstaphimachal.com/editorial/history/", "site": "civilstaphimachal",
     "title": "Dr. Rajendra Prasad", "parts": [("line", "Syllabus: General Studies Paper 1")],
     "expected": ["GS1"]},
    {"url": SHANKAR, "site": "shankariasparliament",
     "title": "Death Penalty – The practice and The Peril",
     "parts": [("line", "Mains: GS II – Polity and governance /GS IV – Ethics")],
     "expected": ["GS2", "GS4"]},
]  # fmt: skip

CHAHAL = "https://chahalacademy.com/the-hindu-editorial-analysis"
# Chahal Academy's editorial digest: each editorial's heading ends in its paper and subject.
CHAHAL_DAYS = {
    "28 July 2021": ["1] Needed, a more unified Asian voice for Afghanistan (GS 2 IR)",
                     "2] Dangerous conflagration: On Assam-Mizoram border clash (GS 1 Federation)"],
    "26 July 2021": ["1] Lessons from India’s food security response (GS 2 Schemes for "
                     "Vulnerable sections)",
                     "2] A climate risk: On extreme weather events (GS 3 Climate Change)"],
    "24 July 2021": ["1] Empowering nature with biocentric jurisprudence (GS 2 Judiciary)",
                     "2] The Ganga’s message: On microplastics pollution (GS 3 Ecology)"],
    "23 July 2021": ["1] Limits of cooperation: On reforms in cooperative sector (GS 2 "
                     "Cooperatives)"],
    "22 July 2021": ["1] India must directly engage with Taliban 2.0 (GS 2 IR)"],
    "21 July 2021": ["1] Spy in hand: On Pegasus spyware issue (GS 3 Security)",
                     "2] Sharing during scarcity: On Krishna and Godavari River Management "
                     "boards (GS 2 Water sharing)"],
    "20 July 2021": ["1] The crisis ahead, from learning loss to resumption (GS 2 Education)",
                     "2] Surveillance reform is the need of the hour (GS 3 Security)"],
    "19 July 2021": ["1] Calculating the benefits of lockdowns (GS 3 Economy)",
                     "2] Sensitive and precise: On anti-trafficking bill (GS 2 Trafficking)"],
}  # fmt: skip


def _chahal(day: str, headings: list[str]) -> dict:
    """The paper each heading names is the number after "(GS " (the expected answer is read
    off the site's own bracket, not computed by the classifier)."""
    papers = {h: ["GS" + h.rsplit("(GS ", 1)[1][0]] for h in headings}
    if len(headings) == 1:
        parts, expected = [("line", headings[0])], papers[headings[0]]
    else:
        parts, expected = [("item", h, None) for h in headings], papers
    return {"url": CHAHAL, "site": "chahalacademy", "title": f"{day}: The Hindu Editorial",
            "parts": parts, "expected": expected}  # fmt: skip


POSTS += [_chahal(day, headings) for day, headings in CHAHAL_DAYS.items()]

# More ForumIAS 9 PM briefs: (url tail, date, section, first article, its Syllabus line, papers)
NINE_PM = [
    ('?p=205373',
     'September 10th, 2022',
     'GS Paper 1',
     'The stark reasons why Bengaluru is sinking',
     'Syllabus: GS 1 – Urbanization',
     ['GS1']),
    ('9-pm-daily-current-affairs-brief-june-24th-2022/',
     'June 24th, 2022',
     'GS Paper 2',
     'Will Agnipath energise or demoralise the military?',
     'Syllabus: GS2 – Government policies and interventions for development '
     'in various sectors and issues arising out of their design and '
     'implementation.',
     ['GS2']),
    ('9-pm-daily-current-affairs-brief-march-30th-2022/',
     'March 30th, 2022',
     'GS Paper 2',
     'Globalization is dying: Long may the phenomenon live',
     'Syllabus: GS 2 – Important International institutions',
     ['GS2']),
    ('9-pm-daily-current-affairs-brief-may-23rd-2022/',
     'May 23rd, 2022',
     'GS Paper 1',
     'On Raja Ram Mohan Roy’s 250th birth anniversary',
     'Syllabus: GS1 – History – Art and Culture',
     ['GS1']),
    ('9-pm-daily-current-affairs-brief-september-24th-2022/',
     'September 24th, 2022',
     'GS Paper 1',
     'Why our urban spaces need to be reimagined',
     'Syllabus: GS 1 – Urbanization and associated issues',
     ['GS1']),
    ('9-pm-daily-current-affairs-brief-june-21st-2022/',
     'June 21st, 2022',
     'GS Paper 1',
     'Why North Is Rain-Starved & Northeast Is Flooded',
     'Syllabus: GS1 – Important Geophysical phenomena such as earthquakes, '
     'Tsunami, Volcanic activity, cyclone etc.',
     ['GS1']),

]  # fmt: skip
# IASbaba's daily posts open with a "(PRELIMS Focus)" story and its Category line.
IASBABA = [
    ('?page=4',
     'United Nations Economic and Social Council',
     'Category: International Organisations',
     ['GS2']),
    ('?page=4', 'Cell2Sentence-Scale 27B (C2S-Scale)', 'Category: Science and Technology', ['GS3']),
    ('?page=11',
     'Two Pilots Killed in Third Jaguar Jet Crash of 2025',
     'Category: SCIENCE AND TECHNOLOGY',
     ['GS3']),
    ('', 'Anti-Defection Law', 'Category: Polity and Governance', ['GS2']),
    ('?page=1', 'Central Ground Water Board', 'Category: Polity and Governance', ['GS2']),
    ('', 'Essential Services Maintenance Act (ESMA)', 'Category: Polity and Governance', ['GS2']),
    ('?page=1', 'Debrigarh Wildlife Sanctuary', 'Category: Environment and Ecology', ['GS3']),

]  # fmt: skip

POSTS += [
    {"url": FORUMIAS + tail, "site": "forumias",
     "title": f"9 PM Daily Current Affairs Brief – {date}",
     "parts": [MAINS_ORIENTED, ("section", section), ("item", heading, marker)],
     "expected": {heading: papers}}
    for tail, date, section, heading, marker, papers in NINE_PM
]  # fmt: skip
POSTS += [
    {"url": "https://test.iasbaba.com/posts/" + tail, "site": "iasbaba", "title": title,
     "parts": [("line", marker)], "expected": papers}
    for tail, title, marker, papers in IASBABA
]  # fmt: skip

POSTS += [
    {
        "url": "https://www.jsstice.in/28-febraury-2023/", "site": "jsstice",
        "title": "28 February 2023",
        "parts": [
            ("item", "A.M. Khanwilkar Appointed as Lokpal Chairperson",
             "Syllabus: GS2/Statutory bodies"),
            ("item", "Electric Vehicles in India", "Syllabus: GS3/Infrastructure"),
            ("item", "Funding for Research and Development in India",
             "Syllabus: GS3/Science and Technology"),
            ("item", "Completion of ‘10,000 Genome’ Project",
             "Syllabus: GS3/Science and Technology"),
        ],
        "expected": {"A.M. Khanwilkar Appointed as Lokpal Chairperson": ["GS2"],
                     "Electric Vehicles in India": ["GS3"],
                     "Funding for Research and Development in India": ["GS3"],
                     "Completion of ‘10,000 Genome’ Project": ["GS3"]},
    },
    {
        "url": "https://www.insightsonindia.com/2023/06/16/mission-2023-insights-daily-current-"
               "affairs-pib-summary-16-june-2023/",
        "site": "insightsonindia",
        "title": "MISSION-2023: INSIGHTS DAILY CURRENT AFFAIRS + PIB SUMMARY- 16 June 2023",
        "parts": [
            ("contents", ["GS Paper 2:", "1. 16th Finance Commission", "GS Paper 3:",
                          "1. Consequences of subsidies", "Content for Mains Enrichment (CME)",
                          "1. Justice Clocks", "Facts for Prelims (FFP)",
                          "1. Skill Impact Bond initiative"]),
            ("item", "16th Finance Commission",
             ("GS Paper 2", "Syllabus: Powers, Functions and Responsibilities of various "
                            "Constitutional Bodies")),
            ("item", "Consequences of subsidies", ("GS Paper 3", "Syllabus: Indian Economy")),
            ("section", "Content for Mains Enrichment (CME)"), ("item", "Justice Clocks", None),
            ("section", "Facts for Prelims (FFP)"),
            ("item", "Skill Impact Bond initiative", None),
        ],
        "expected": {"16th Finance Commission": ["GS2"], "Consequences of subsidies": ["GS3"],
                     "Justice Clocks": ["Essay", "GS4"],
                     "Skill Impact Bond initiative": ["Prelims"]},
        "note": "the first item's lines are the site's; the others follow its pattern",
    },
]  # fmt: skip

POSTS += [
    {
        "url": "https://www.jatinverma.org/daily-news-prescription-14-october-2020",
        "site": "jatinverma", "title": "Daily News Prescription 14 October 2020",
        "parts": [
            ("section", "GS2:  Polity"),
            ("item", "Explained: From baby walker to capsicum, how EC decides on party symbols",
             None),
            ("section", "GS2: Governance"), ("item", "A concerted attack on RTI", None),
            ("section", "GS2: International Relations"),
            ("section", "GS3: Science & Technology"),
            ("item", "eVIN network to handle COVID19 vaccine supply", None),
            ("item", "Explained: Why Mars is the brightest this month", None),
        ],
        "expected": {
            "Explained: From baby walker to capsicum, how EC decides on party symbols": ["GS2"],
            "A concerted attack on RTI": ["GS2"],
            "eVIN network to handle COVID19 vaccine supply": ["GS3"],
            "Explained: Why Mars is the brightest this month": ["GS3"]},
        "note": "the site's International Relations heading had nothing under it that day",
    },
    {"url": "https://www.nextias.com/ca/wp-json/wp/v2/posts/17601", "site": "nextias",
     "title": "Daily Current Affairs 25-09-2023",
     "parts": [("item", "MacDonald Award and Poona Pact of 1932",
                "Syllabus: GS1/ History of India and Indian National Movement")],
     "expected": {"MacDonald Award and Poona Pact of 1932": ["GS1"]}},
    {"url": "https://www.nextias.com/ca/wp-json/wp/v2/posts/41526", "site": "nextias",
     "title": "News In Short-18-04-2025",
     "parts": [("item", "Guru Tegh Bahadur", "Syllabus: GS1/History&nbsp;")],
     "expected": {"Guru Tegh Bahadur": ["GS1"]}},
    {"url": "https://test.iasbaba.com/posts", "site": "iasbaba", "title": "Burmese pythons",
     "parts": [("line", "Category: ENVIRONMENT")], "expected": ["GS3"]},
]  # fmt: skip

POSTS += [
    {"url": "https://www.nextias.com/ca/wp-json/wp/v2/posts/53120", "site": "nextias",
     "title": "News In Short – 4 September, 2025",
     "parts": [("item", "Seychelles", "Syllabus :GS1/Places")],
     "expected": {"Seychelles": ["GS1"]}},
    {
        "url": "https://www.jatinverma.org/daily-news-prescription-4-july-2020",
        "site": "jatinverma", "title": "Daily News Prescription 4 July 2020",
        "parts": [("section", "GS2: Polity"), ("item", "Persistence of Putin", None),
                  ("section", "GS2: International Relations"),
                  ("section", "GS2: Social Justice"), ("section", "GS3 : Economy"),
                  ("section", "GS3: Environment"), ("item", "In a plastic crisis", None)],
        "expected": {"Persistence of Putin": ["GS2"], "In a plastic crisis": ["GS3"]},
        "note": "three of the site's headings had nothing under them that day",
    },
    {"url": "https://chromeias.com/author/chromeadmin/", "site": "chromeias",
     "title": "PIB – December 11 , 2019",
     "parts": [("line", "GS- 2nd Paper"),
               ("line", "Topic – Government policies and interventions for development in "
                        "various sectors and issues arising out of their design and "
                        "implementation.")],
     "expected": ["GS2"]},
    {"url": "https://www.civilserviceinfo.com/2025_12_07_archive.html",
     "site": "civilserviceinfo",
     "title": "Pavilion Diplomacy at COP30: Soft Power, Hard Realities, and the North-South "
              "Divide",
     "parts": [("line", "Syllabus Relevance:"),
               ("line", "* GS Paper II: International Relations (Global groupings involving "
                        "India, Important International institutions, agencies and fora)."),
               ("line", "* GS Paper III: Environment (Conservation, environmental pollution "
                        "and degradation, environmental impact assessment).")],
     "expected": ["GS2", "GS3"]},
    {"url": "https://www.civilserviceinfo.com/2025_12_07_archive.html",
     "site": "civilserviceinfo",
     "title": "The New U.S. National Security Strategy (NSS) and Its Global Implications",
     "parts": [("line", "Syllabus Relevance:"),
               ("line", "* GS II: Effect of policies and politics of developed countries on "
                        "India’s interests."),
               ("line", "* GS II: Important International institutions, agencies, and fora "
                        "(NATO, etc.).")],
     "expected": ["GS2"]},
    {
        "url": "https://www.scraby.com/content/daily-current-affairs-pib-10-june-2019",
        "site": "scraby", "title": "UPSC - Daily Current Affair (PIB) 10 June 2019",
        "parts": [("item", "St. Petersburg Consensus (The Hindu Page 10)",
                   "Mains GS paper II: International relations"),
                  ("item", "A clear arc from India to Nigeria (The Hindu -Page.10)",
                   "Mains GS Paper II: International Relations")],
        "expected": {"St. Petersburg Consensus (The Hindu Page 10)": ["GS2"],
                     "A clear arc from India to Nigeria (The Hindu -Page.10)": ["GS2"]},
    },
]  # fmt: skip

POSTS += [
    {"url": "https://99notes.in/current-affairs-upsc/pib/18-jan-2024/", "site": "99notes",
     "title": "PIB Summary for UPSC 18-January-2024",
     "parts": [("item", "1.Prime Minister dedicates to nation infrastructure projects worth more "
                        "than ₹4,000 crores in Kochi, Kerala.",
                "Topic: GS3 – Indian Economy – Infrastructure: Energy, Ports, Roads, Airports, "
                "Railway etc.")],
     "expected": {"1.Prime Minister dedicates to nation infrastructure projects worth more than "
                  "₹4,000 crores in Kochi, Kerala.": ["GS3"]}},
    {"url": "https://ploverminds.in/index.php/2023/07/08/pm-ias-july-08-upsc-current-affairs/",
     "site": "ploverminds", "title": "PM IAS July 08 UPSC Current Affairs",
     "parts": [("item", "Criminal Defamation", "Syllabus: GS2/ Indian Polity, Juiciary")],
     "expected": {"Criminal Defamation": ["GS2"]}},
    {
        "url": "https://iasbaba.com/2021/09/daily-current-affairs-ias-upsc-prelims-and-mains-"
               "exam-27th-september-2021",
        "site": "iasbaba",
        "title": "DAILY CURRENT AFFAIRS IAS | UPSC Prelims and Mains Exam – 27th September 2021",
        "parts": [("line", "(PRELIMS + MAINS FOCUS)"),
                  ("item", "GoMs set up to rationalise GST rates",
                   "Part of: Prelims and GS III – Economy"),
                  ("item", "Kathaprasangam", "Part of: Prelims and GS I – Art and culture")],
        "expected": {"GoMs set up to rationalise GST rates": ["GS3", "Prelims"],
                     "Kathaprasangam": ["GS1", "Prelims"]},
    },
]  # fmt: skip

POSTS += [
    {"url": "https://test.iasbaba.com/posts/?page=25", "site": "iasbaba", "title": "DELIMITATION",
     "parts": [("line", "Syllabus: Prelims & Mains – POLITY")], "expected": ["GS2", "Prelims"]},
    {"url": "https://test.iasbaba.com/posts/?page=13", "site": "iasbaba",
     "title": "CONVICTED PERSONS AND ELECTIONS",
     "parts": [("line", "Syllabus: Prelims & Mains – POLITY")], "expected": ["GS2", "Prelims"]},
    {"url": "https://test.iasbaba.com", "site": "iasbaba", "title": "Cuban Gar",
     "parts": [("line", "Category: Environment and Ecology")], "expected": ["GS3"]},
    {"url": "https://test.iasbaba.com/posts/?page=2", "site": "iasbaba", "title": "Bioremediation",
     "parts": [("line", "Category: Science and Technology")], "expected": ["GS3"]},
    {
        "url": "https://www.jatinverma.org/daily-news-prescription-19th-december-2020",
        "site": "jatinverma", "title": "Daily News Prescription 19th December 2020",
        "parts": [("section", "GS2: Polity"), ("section", "GS3: Economy"),
                  ("item", "Indian Railways issues draft National Rail Plan", None),
                  ("section", "GS3: Science & Technology"),
                  ("item", "What is the ‘Christmas Star’ conjunction of Saturn and Jupiter?",
                   None),
                  ("section", "GS3: Environment"),
                  ("item", "European bison recovering, 31 species declared Extinct", None)],
        "expected": {"Indian Railways issues draft National Rail Plan": ["GS3"],
                     "What is the ‘Christmas Star’ conjunction of Saturn and Jupiter?": ["GS3"],
                     "European bison recovering, 31 species declared Extinct": ["GS3"]},
    },
]  # fmt: skip

POSTS += [
    {
        "url": "https://thozhanacademy.com/?p=536", "site": "thozhanacademy",
        "title": "26.11.25 The Hindu News Paper: exam point of view for UPSC and TNPSC",
        "parts": [("section", "1. Polity & Governance (GS Paper II / TNPSC Unit-V)"),
                  ("item", "A. The Assam Prohibition of Polygamy Bill, 2025", None),
                  ("item", "B. Custodial Torture & CCTV Compliance", None),
                  ("item", "C. Tamil Nadu DGP Appointment Controversy (Crucial for TNPSC)",
                   None)],
        "expected": {"A. The Assam Prohibition of Polygamy Bill, 2025": ["GS2"],
                     "B. Custodial Torture & CCTV Compliance": ["GS2"],
                     "C. Tamil Nadu DGP Appointment Controversy (Crucial for TNPSC)": ["GS2"]},
    },
    {
        "url": "https://www.thozhanacademy.com/2025/12/the-hindu-news-exam-points-111225.html",
        "site": "thozhanacademy", "title": "The Hindu news: exam points 11.12.25",
        "parts": [("section", "I. Polity & Governance (GS Paper II)"),
                  ("item", "1. Anti-Defection Law & The Role of Constitutional Functionaries",
                   None),
                  ("item", "2. The National Song Debate (Vande Mataram)", None)],
        "expected": {"1. Anti-Defection Law & The Role of Constitutional Functionaries": ["GS2"],
                     "2. The National Song Debate (Vande Mataram)": ["GS2"]},
    },
    {
        "url": "https://docslib.org/doc/623255/social-issues-1-debate-over-triple-talaq-stems-"
               "from-ignorance",
        "site": "docslib", "title": "Current affairs notes: G.S. Paper 1",
        "parts": [("section", "G.S.PAPER-1"), ("line", "Topic: Social Issues"),
                  ("item", "1. ‘Debate over triple talaq stems from ignorance’", None),
                  ("line", "Topic: Geography"),
                  ("item", "2. Farakka barrage not to blame", None)],
        "expected": {"1. ‘Debate over triple talaq stems from ignorance’": ["GS1"],
                     "2. Farakka barrage not to blame": ["GS1"]},
        "note": "a study-notes document shared on docslib; its source site is not named",
    },
]  # fmt: skip

POSTS += [
    {"url": "https://demolive.insightsonindia.com/2017/07/15/secure-synopsis-15-july-2017/",
     "site": "insightsonindia", "title": "SECURE SYNOPSIS: 15 July 2017",
     "parts": [("line", "General Studies – 1;"),
               ("line", "Topic:  Indian culture will cover the salient aspects of Art Forms, "
                        "Literature and Architecture from ancient to modern times.")],
     "expected": ["GS1"]},
    {"url": "https://www.insightsonindia.com/2025/10/07/upsc-insights-secure-synopsis-6-october-"
            "2025/",
     "site": "insightsonindia", "title": "UPSC INSIGHTS SECURE SYNOPSIS: 6 October 2025",
     "parts": [("line", "General Studies – 1"), ("line", "Topic: Modern India"),
               ("line", "Difficulty Level: Easy")],
     "expected": ["GS1"]},
    {
        "url": "https://onlinekaburlu.com/the-hindu-13-05-2025-only-upsc-syllabus-topics/"
               "?noamp=mobile",
        "site": "onlinekaburlu",
        "title": "THE HINDU 13.05.2025 (Only UPSC syllabus topics)- GS Wise Split",
        "parts": [("section", "General Studies Paper 1 (GS 1): Indian Heritage and Culture, "
                              "History, Geography, and Society"),
                  ("item", "1. Indian Society and Social Issues", None)],
        "expected": {"1. Indian Society and Social Issues": ["GS1"]},
    },
    {
        "url": "https://onlinekaburlu.com/the-hindu-14-05-2025-only-upsc-syllabus-topics",
        "site": "onlinekaburlu",
        "title": "THE HINDU 14.05.2025 (Only UPSC syllabus topics)- GS Wise Split",
        "parts": [("section", "General Studies Paper 1 (GS 1)"),
                  ("line", "Syllabus Topics Covered: Indian Heritage and Culture, History, "
                           "Geography, Society, and Social Issues."),
                  ("item", "1. Social Issues", None)],
        "expected": {"1. Social Issues": ["GS1"]},
    },
]  # fmt: skip

# InsightsIAS "Secure Synopsis": answers grouped under the paper, each with its Topic line.
SYNOPSES = [
    ("https://www.insightsonindia.com/2021/04/10/secure-synopsis-10-april-2021/",
     "10 April 2021", "General Studies – 2", None,
     "1. Emerging trends in the geopolitics of the Indian Ocean", "GS2"),
    ("https://www.insightsonindia.com/2017/08/02/secure-synopsis-02-august-2017-2/",
     "02 August 2017", "General Studies – 1;", "Topic: Role of women; Social empowerment",
     "1) A Supreme Court judgment on dowry cases, critically examined", "GS1"),
    ("https://www.insightsonindia.com/2018/05/19/secure-synopsis-19-may-2018/",
     "19 MAY 2018", "General Studies – 1",
     "TOPIC:  The Freedom Struggle – its various stages and important contributors",
     "1) Why the Royal Indian Navy mutiny matters", "GS1"),
    ("https://demolive.insightsonindia.com/2017/02/02/secure-synopsis-02-february-2017/",
     "02 February 2017", "General Studies – 1;",
     "Topic: Changes in critical geographical features (including waterbodies and ice-caps) "
     "and in flora and fauna and the effects of such changes",
     "1) How Indus populations adapted to their environment", "GS1"),
    ("https://demolive.insightsonindia.com/2017/07/10/secure-synopsis-10-july-2017/",
     "10 July 2017", "General Studies – 1;", "Topic:  Urbanization – problems and remedies",
     "1) Smart cities and climate resilience", "GS1"),
    ("https://demolive.insightsonindia.com/2017/03/31/secure-synopsis-31-march-2017/",
     "31 March 2017", "General Studies – 1;", "Topic:  Urbanization – problems and remedies",
     "1) Bharat Stage III vehicles and the registration ban", "GS1"),
]  # fmt: skip
POSTS += [
    {"url": url, "site": "insightsonindia", "title": f"SECURE SYNOPSIS: {day}",
     "parts": [("section", section), ("item", question, topic)],
     "expected": {question: [paper]}}
    for url, day, section, topic, question, paper in SYNOPSES
]  # fmt: skip

SYNOPSES_MORE = [
    ("https://demolive.insightsonindia.com/2024/03/30/mission-2024-insights-secure-synopsis-"
     "27-march-2024/", "27 March 2024", "General Studies – 1",
     "Topic: geographical features and their location-changes in critical geographical features "
     "(including water-bodies and ice-caps) and in flora and fauna and the effects of such "
     "changes.", "1. Mangroves and nature-based solutions", "GS1"),
    ("https://demolive.insightsonindia.com/2017/01/09/secure-synopsis-09-january-2017/",
     "09 January 2017", "General Studies – 1;", "Topic: Urbanization – problems and remedies",
     "1) Alternatives to the odd-even scheme against Delhi's pollution", "GS1"),
    ("https://www.insightsonindia.com/2017/07/12/secure-synopsis-12-july-2017/",
     "12 July 2017", "General Studies – 1;", "Topic: Urbanization – problems and remedies",
     "1) Directly elected mayors for big cities", "GS1"),
    ("https://demolive.insightsonindia.com/2017/03/14/secure-synopsis-14-march-2017/",
     "14 March 2017", "General Studies – 1;",
     "Topic : changes in critical geographical features (including waterbodies and ice-caps) "
     "and in flora and fauna and the effects of such changes.",
     "1) India's biogeographic zones and their ecological problems", "GS1"),
]  # fmt: skip
POSTS += [
    {"url": url, "site": "insightsonindia", "title": f"SECURE SYNOPSIS: {day}",
     "parts": [("section", section), ("item", question, topic)],
     "expected": {question: [paper]}}
    for url, day, section, topic, question, paper in SYNOPSES_MORE
]  # fmt: skip

TAP = "https://civilstaphimachal.com/"
POSTS += [
    {"url": TAP + "editorial/environmental-issues/", "site": "civilstaphimachal",
     "title": "The fourth global coral bleaching event",
     "parts": [("line", "General Studies Paper-3")], "expected": ["GS3"]},
    {"url": TAP + "editorial/environmental-issues/", "site": "civilstaphimachal",
     "title": "Below-normal snow in the Hindu Kush Himalaya",
     "parts": [("line", "General Studies Paper-3")], "expected": ["GS3"]},
    {"url": TAP + "?p=12968", "site": "civilstaphimachal",
     "title": "Rising heat and the climate crisis in India",
     "parts": [("line", "General Studies Paper 1")], "expected": ["GS1"]},
    {"url": TAP + "editorials//page/9", "site": "civilstaphimachal",
     "title": "The West divided over Gaza", "parts": [("line", "General Studies Paper-2")],
     "expected": ["GS2"]},
    {"url": TAP + "editorials//page/82", "site": "civilstaphimachal",
     "title": "Pulses: production, prices and imports",
     "parts": [("line", "General Studies Paper-3")], "expected": ["GS3"]},
    {
        "url": "https://maxias.in/current-affairs/headlines-of-the-day/21-02-2024-headlines-of-"
               "the-day",
        "site": "maxias", "title": "21-02-2024 Headlines of the Day",
        "parts": [
            ("item", "Having panchayats as self-governing institutions [Page 10]",
             "Relevance: Prelims – Polity"),
            ("item", "Judicial clarity on free speech [Page 11]", "Relevance: Prelims – Polity"),
            ("item", "Study finds rise in blood clots, heart inflammation after COVID "
                     "vaccination [Page 16]", "Relevance: Prelims – Science and Technology"),
            ("item", "Greening growth [Page 12]", "Relevance: Prelims – Environment"),
            ("item", "Why are we falling ill so often? [Page 13]",
             "Relevance: Prelims – Science and Technology"),
        ],
        "expected": {
            "Having panchayats as self-governing institutions [Page 10]": ["Prelims"],
            "Judicial clarity on free speech [Page 11]": ["Prelims"],
            "Study finds rise in blood clots, heart inflammation after COVID vaccination "
            "[Page 16]": ["Prelims"],
            "Greening growth [Page 12]": ["Prelims"],
            "Why are we falling ill so often? [Page 13]": ["Prelims"]},
    },
]  # fmt: skip

# nextias "Headlines of the Day": a table, one story to a row, its Syllabus cell the marker.
HEADLINES = "https://www.nextias.com/ca/headlines-of-the-day/"
HEADLINE_DAYS = {
    "16-05-2024/headlines-of-the-day-16-05-2024": [
        ("Over 300 people become Indian citizens under CAA", "The Hindu (Page 1)",
         "Polity and Governance (GSII)", ["GS2"]),
        ("On Delhi’s mounting waste crisis", "The Hindu (Page10 )", "Environment (GSIII)",
         ["GS3"]),
        ("Igla-S air defence systems", "The Hindu (Page12 )", "Defence (GSIII)", ["GS3"]),
        ("India- Sri Lanka relations", "The Hindu (Page 16", "IR (GSII)", ["GS2"]),
        ("General, central obesities linked to higher risk of colorectal cancer",
         "The Hindu (Page 20", "Health (GSII) / S&T (GSIII)", ["GS2", "GS3"]),
    ],
    "21-03-2024/headlines-of-the-day-21-3-2024": [
        ("Masan Holi", "The Hindu (Page 1)", "Culture (GSI)", ["GS1"]),
        ("Data marketplaces: the next frontier", "The Hindu(Page 7)",
         "Governance (GSII) / S&T (GSIII)", ["GS2", "GS3"]),
        ("OMAD diet", "Indian Express", "GS 2 Health", ["GS2"]),
        ("Asteroid Dimorphos", "The hindu (Page 18)", "Space (GSIII)", ["GS3"]),
    ],
    "21-02-2024/headlines-of-the-day-21-02-2024": [
        ("Maharashtra Assembly clears 10% Maratha quota", "The Hindu(Page 1)",
         "Polity and Governance (GSII)", ["GS2"]),
        ("Clarity on the nature and extent of ‘deemed forest’ is essential",
         "The Hindu(Page 10)", "Governance (GSII) / Environment (GSIII)", ["GS2", "GS3"]),
        ("‘Chevalier de la Legion d’ Honneur’", "The Hindu(Page 16)", "Miscellaneous", []),
        ("Skywalker hoolock gibbon", "The Hindu(Page 22)", "Species (GSIII)", ["GS3"]),
    ],
}  # fmt: skip
POSTS += [
    {"url": HEADLINES + path, "site": "nextias",
     "title": "Headlines of the Day " + path.split("/")[0],
     "parts": [("table", [(h, src, syl) for h, src, syl, _ in rows])],
     "expected": {h: papers for h, _, _, papers in rows if papers},
     "note": "the Miscellaneous row names no paper and is no item"}
    for path, rows in HEADLINE_DAYS.items()
]  # fmt: skip

POSTS += [
    {
        "url": "https://indianexpress.com/article/upsc-current-affairs/upsc-cse-key-january-21-"
               "2022-what-you-need-to-read-today-7735708/",
        "site": "indianexpress", "title": "UPSC CSE Key – January 21, 2022",
        "parts": [
            ("section", "Front Page"),
            ("item", "SC: Quota not at odds with merit, ensures substantive equality",
             ("Syllabus:", "Preliminary Examination: Current events of national and "
              "international importance.", "Main Examination:",
              "• General Studies I: Social Empowerment",
              "• General Studies II: Government policies and interventions for development in "
              "various sectors and issues arising out of their design and implementation")),
            ("item", "Penalty, not arrest; power to withdraw cases: Bihar plans reforms in "
                     "liquor law",
             ("Syllabus:", "Preliminary Examination: Indian Polity and Governance",
              "Main Examination: Government policies and interventions for development in "
              "various sectors and issues arising out of their design and implementation")),
        ],
        "expected": {
            "SC: Quota not at odds with merit, ensures substantive equality":
                ["GS1", "GS2", "Prelims"],
            "Penalty, not arrest; power to withdraw cases: Bihar plans reforms in liquor law":
                ["GS2", "Prelims"]},
    },
    {"url": "https://test.iasbaba.com/posts/?page=21", "site": "iasbaba", "title": "ASSAM RIFLES",
     "parts": [("line", "Syllabus: Prelims – CURRENT EVENT")], "expected": ["Prelims"]},
    {"url": "https://thecivilway.co.in/category/current-affairs/page/2", "site": "thecivilway",
     "title": "Energy Mix (2025)", "parts": [("line", "Category: ENERGY")], "expected": ["GS3"]},
]  # fmt: skip

POSTS += [
    {"url": "https://test.iasbaba.com/posts/?page=21", "site": "iasbaba", "title": "HEATWAVE",
     "parts": [("line", "Syllabus: Prelims & Mains – CURRENT EVENT")], "expected": ["Prelims"],
     "note": "the Mains half names no paper and no subject of one: Prelims alone"},
    {"url": "https://test.iasbaba.com/posts/?page=13", "site": "iasbaba",
     "title": "CORRUPTION PERCEPTIONS INDEX",
     "parts": [("line", "Syllabus: Prelims & Mains – CURRENT EVENT")], "expected": ["Prelims"],
     "note": "the Mains half names no paper and no subject of one: Prelims alone"},
]  # fmt: skip
