"""Real posts that carry no syllabus marker, labelled with the paper they are about.

Each entry: where the post was seen (public pages, found through the workplace search
index), its site, a title and a summary written here in the project's own words that keep
the post's topic terms (names, schemes, places, institutions, numbers), and the papers a
UPSC reader would file it under. None of a post's sentences is copied. The sites here
never appear in tests/labelled_posts.py, whose marked posts are what the model may learn
from: this set is only ever evaluated on.
"""

from __future__ import annotations

POSTS = [
    {"url": "https://vajiramias.com/?page=eurodollar", "site": "vajiramias",
     "title": "Deepavali on UNESCO's intangible cultural heritage list",
     "summary": "The festival of lights becomes the sixteenth Indian element on the UNESCO "
                "list of intangible heritage, inscribed at a committee session at the Red "
                "Fort; the list honours living traditions such as Garba and the Kumbh Mela.",
     "expected": ["GS1"]},
    {"url": "https://www.ltxclasses.com/blog/daily-current-affairs-for-upsc-31st-dec-2025",
     "site": "ltxclasses", "title": "India becomes the fourth largest economy",
     "summary": "GDP of 4.18 trillion dollars puts India past Japan; growth of 8.2 per cent "
                "in the second quarter driven by consumption, manufacturing and services; "
                "the IMF and World Bank expect the fastest growth among major economies.",
     "expected": ["GS3"]},
    {"url": "https://www.ltxclasses.com/blog/daily-current-affairs-for-upsc-31st-dec-2025",
     "site": "ltxclasses", "title": "Law on suspension of sentence",
     "summary": "How courts suspend a convict's sentence pending appeal under the criminal "
                "procedure law, and what the Supreme Court said judges must weigh.",
     "expected": ["GS2"]},
    {"url": "https://www.ltxclasses.com/blog/daily-current-affairs-for-upsc-31st-dec-2025",
     "site": "ltxclasses", "title": "Defence contracts for the Army and the Navy",
     "summary": "The Defence Ministry signs procurement contracts worth over 4,600 crore "
                "rupees for the Army and Navy, for missiles, drones and border equipment.",
     "expected": ["GS3"]},
    {"url": "https://www.ltxclasses.com/blog/daily-current-affairs-for-upsc-31st-dec-2025",
     "site": "ltxclasses", "title": "Narsapuram lace craft",
     "summary": "The hand-made crochet lace of Narsapuram in Andhra Pradesh, a traditional "
                "craft with a geographical indication tag, made by women artisans.",
     "expected": ["GS1"]},
    {"url": "https://www.ltxclasses.com/blog/daily-current-affairs-for-upsc-31st-dec-2025",
     "site": "ltxclasses", "title": "Kanger Valley National Park",
     "summary": "The national park in Chhattisgarh known for limestone caves and bird "
                "species, where a new species of frog was spotted.",
     "expected": ["Prelims"]},
    {"url": "https://www.ltxclasses.com/blog/daily-current-affairs-for-upsc-31st-dec-2025",
     "site": "ltxclasses", "title": "Valmiki Tiger Reserve",
     "summary": "The tiger reserve in Bihar on the Nepal border, its sanctuary and national "
                "park, and the species counted in the latest census.",
     "expected": ["Prelims"]},
    {"url": "https://www.sarkaripage.com/current-affairs/daily-current-affairs-03-december-2025",
     "site": "sarkaripage", "title": "Persons with disabilities: the Prime Minister's message",
     "summary": "On the international day of persons with disabilities, the government's "
                "welfare schemes, accessibility rules, inclusive education in schools and "
                "the rights law for the disabled.",
     "expected": ["GS2"]},
    {"url": "https://govtjobs.app/?p=2578", "site": "govtjobs",
     "title": "Tamil Nadu's grievance redressal programme for citizens",
     "summary": "The state government's Makkaludan Muthalvar scheme takes citizens' "
                "petitions to the chief minister's office for time-bound redressal across "
                "districts: governance, service delivery and accountability.",
     "expected": ["GS2"]},
    {"url": "https://edurev.in/t/351387/Weekly-Current-Affairs--1st-to-7th-May-2024--Part-1",
     "site": "edurev", "title": "Redistribution of private property",
     "summary": "A nine-judge Supreme Court bench on whether privately owned property is a "
                "material resource of the community under Article 39(b) of the Constitution, "
                "the Directive Principles and Article 300A.",
     "expected": ["GS2"]},
    {"url": "https://neopathshala.pages.dev/upsc-corner/daily-news/2025-09-08",
     "site": "neopathshala", "title": "GST rate cuts and consumption",
     "summary": "The finance minister expects the GST Council's rate rationalisation to "
                "raise consumption and growth; indirect tax, fiscal policy and MSMEs.",
     "expected": ["GS3"]},
    {"url": "https://neopathshala.pages.dev/upsc-corner/daily-news/2025-09-08",
     "site": "neopathshala", "title": "Universities in smaller districts",
     "summary": "Why district universities matter for higher education: the NEP 2020, the "
                "RUSA scheme for state universities, students and inclusive access to "
                "education.",
     "expected": ["GS2"]},
    {"url": "https://mrunal.org/2022/07/weekly-current-agnipath-kapilavastu-relics-"
            "interstate-council-bms-system.html/comment-page-1",
     "site": "mrunal", "title": "Agnipath: four-year recruitment into the armed forces",
     "summary": "Soldiers, sailors and airmen recruited for four years as Agniveers in the "
                "army, navy and air force; defence pension bills and security forces.",
     "expected": ["GS3"]},
    {"url": "https://mrunal.org/2022/07/weekly-current-agnipath-kapilavastu-relics-"
            "interstate-council-bms-system.html/comment-page-1",
     "site": "mrunal", "title": "Kapilavastu relics",
     "summary": "Buddhist relics from ancient Kapilavastu taken abroad for an exhibition; "
                "the archaeological excavation of the stupa and its heritage.",
     "expected": ["GS1"]},
    {"url": "https://www.jatinverma.org/daily-news-prescription-29-february-2020",
     "site": "jatinverma-unmarked", "title": "A stent exempted from price control",
     "summary": "The National Pharmaceutical Pricing Authority exempts a new stent from price "
                "control: health, drug prices and the pricing order.",
     "expected": ["GS2"]},
    {"url": "https://www.sarkaripage.com/current-affairs/daily-current-affairs-03-december-2025",
     "site": "sarkaripage", "title": "A short note with no subject",
     "summary": "A reminder that the page has been updated with more items later in the day.",
     "expected": ["Other"]},
]  # fmt: skip
