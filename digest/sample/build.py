"""Regenerate posts.json and categories.json, the bundled sample site.

The posts imitate nextias.com/ca current-affairs items (shape of
tests/reference/nextias-post-71990.json): a `Syllabus:` line at the top in the spellings
real sites use, Gutenberg block markup, a "Source" link. Run: python -m digest.sample.build
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

BASE = "https://sample.wp-digest.invalid/ca"
IST = timedelta(hours=5, minutes=30)

CATEGORIES = [
    {"id": 21, "name": "Current Affairs", "slug": "current-affairs", "count": 0},
    {"id": 30, "name": "Environment", "slug": "environment", "count": 0},
    {"id": 31, "name": "Facts for Prelims", "slug": "facts-for-prelims", "count": 0},
    {"id": 32, "name": "Editorial Analysis", "slug": "editorial-analysis", "count": 0},
    {"id": 33, "name": "Ethics Case Study", "slug": "ethics", "count": 0},
]

# (id, local publication time, syllabus line or None, title, categories, points)
POSTS = [
    (
        70101,
        "2026-04-13 09:12:05",
        "Syllabus: GS2/International Relations",
        "India–Maldives Currency Swap Agreement Extended",
        [21],
        [
            "The Reserve Bank of India extended a currency swap facility to the Maldives.",
            "It supports the <strong>Neighbourhood First</strong> policy and regional stability.",
        ],
    ),
    (
        70102,
        "2026-04-13 11:40:00",
        "Syllabus:GS1/Culture",
        "Mahavir Jayanti: Teachings of Lord Mahavira",
        [21],
        [
            "Jainism's five vows: <em>ahimsa, satya, asteya, brahmacharya, aparigraha</em>.",
            "Mahavira preached in Ardhamagadhi, the language of the common people.",
        ],
    ),
    (
        70103,
        "2026-04-13 23:50:00",
        "Syllabus: GS3/Economy",
        "RBI Keeps Repo Rate Unchanged at 5.5%",
        [21],
        [
            "The Monetary Policy Committee voted to keep the policy repo rate unchanged.",
            "Inflation projections were revised downwards owing to food prices easing.",
        ],
    ),
    (
        70104,
        "2026-04-14 08:05:30",
        "Syllabus :GS1/Places",
        "Places in News: Strait of Hormuz",
        [21],
        [
            "A strait between the Persian Gulf and the Gulf of Oman.",
            "Nearly a fifth of the world's oil passes through it.",
        ],
    ),
    (
        70105,
        "2026-04-14 10:30:00",
        "Syllabus: GS1/History&nbsp;",
        "Jallianwala Bagh Massacre: 107 Years On",
        [21],
        [
            "On 13 April 1919, troops under General Dyer fired on a peaceful gathering in Amritsar.",
            "Rabindranath Tagore renounced his knighthood in protest.",
        ],
    ),
    (
        70106,
        "2026-04-14 15:45:10",
        "Syllabus: GS1/ Art &amp; Culture",
        "Kathakali Gets GI Tag Push from Kerala",
        [21],
        [
            "Kathakali is a classical dance-drama of Kerala with elaborate make-up (<em>vesham</em>).",
            "It draws on the Ramayana, the Mahabharata and the Puranas.",
        ],
    ),
    (
        70107,
        "2026-04-15 09:00:00",
        "Syllabus: GS1/ Urbanization, challenges and remedies, GS2/ Governance",
        "Urban Local Bodies and the 74th Amendment",
        [21, 32],
        [
            "Municipal finances remain weak: own revenue is under 1% of GDP.",
            "The 74th Amendment (1992) gave constitutional status to urban local bodies.",
        ],
    ),
    (
        70108,
        "2026-04-15 12:20:00",
        "Syllabus: GS2/ Polity and Governance",
        "Supreme Court on Governor's Assent to Bills",
        [21],
        [
            "The Court held that a Governor cannot sit indefinitely on bills passed by the legislature.",
            "Article 200 lays down the options before the Governor.",
        ],
    ),
    (
        70109,
        "2026-04-15 18:02:44",
        "Syllabus: GS1/Person in News",
        "Person in News: Dr. B. R. Ambedkar",
        [21],
        [
            "Ambedkar Jayanti is observed on 14 April.",
            "He chaired the Drafting Committee of the Constituent Assembly.",
        ],
    ),
    (
        70110,
        "2026-04-16 07:55:00",
        "Syllabus:GS1/ Places in news, Geography",
        "Mount Etna Erupts Again",
        [21],
        [
            "Etna, in Sicily, is among the most active stratovolcanoes in the world.",
            "It lies where the African plate subducts under the Eurasian plate.",
        ],
    ),
    (
        70111,
        "2026-04-16 10:10:10",
        "Syllabus: GS3/Environment",
        "Great Indian Bustard: Court Panel on Power Lines",
        [21, 30],
        [
            "The bird is listed as Critically Endangered on the IUCN Red List.",
            "Overhead power lines in Rajasthan and Gujarat cause frequent collisions.",
        ],
    ),
    (
        70112,
        "2026-04-16 14:00:00",
        "Syllabus: GS3/Science and Technology",
        "ISRO's SPADEX Docking Experiment",
        [21],
        [
            "India became the fourth country to demonstrate docking in space.",
            "Docking is needed for Bharatiya Antariksh Station and Chandrayaan-4.",
        ],
    ),
    (
        70113,
        "2026-04-17 09:30:00",
        "Syllabus: GS4/Ethics",
        "Ethics Case Study: Whistleblowing in a Public Hospital",
        [21, 33],
        [
            "A junior doctor finds that tenders for medicines were rigged.",
            "Weigh loyalty to the institution against the duty to patients and the public.",
        ],
    ),
    (
        70114,
        "2026-04-17 11:11:11",
        "Syllabus: Prelims/Polity",
        "Anti-Defection Law: Tenth Schedule",
        [21, 31],
        [
            "Added by the 52nd Amendment in 1985.",
            "The presiding officer decides on disqualification.",
        ],
    ),
    (
        70115,
        "2026-04-17 16:40:00",
        "Syllabus: GS3/ Internal Security",
        "Left-Wing Extremism: Districts Down to 18",
        [21],
        [
            "The number of LWE-affected districts fell from 126 in 2018.",
            "SAMADHAN doctrine guides the security response.",
        ],
    ),
    (
        70116,
        "2026-04-18 08:45:00",
        None,
        "Facts for Prelims: Nilgiri Tahr Census",
        [31],
        [
            "<strong>Facts for Prelims</strong>",
            "The Nilgiri tahr is the state animal of Tamil Nadu.",
            "The first synchronised census counted over 1,000 animals.",
        ],
    ),
    (
        70117,
        "2026-04-18 12:00:00",
        "Syllabus: Essay",
        "Essay: Technology as the Great Equaliser",
        [32],
        [
            "Digital public infrastructure has widened access to payments and identity.",
            "The digital divide can also deepen old inequalities.",
        ],
    ),
    (
        70118,
        "2026-04-18 20:36:56",
        "Syllabus: GS2/Social Justice",
        "भारत में मातृ मृत्यु दर में गिरावट",
        [21],
        [
            "मातृ मृत्यु दर 2014-16 में 130 से घटकर 2019-21 में 93 हो गई।",
            "Maternal mortality fell owing to institutional deliveries under Janani Suraksha Yojana.",
        ],
    ),
    (
        70119,
        "2026-04-19 09:15:00",
        None,
        "Heatwave Action Plans in Indian Cities",
        [30],
        [
            "Ahmedabad's plan of 2013 was the first in South Asia.",
            "Cool roofs and early warnings reduce heat deaths.",
        ],
    ),
    (
        70120,
        "2026-04-19 13:30:00",
        "Syllabus: GS3/Agriculture",
        "Minimum Support Price for Rabi Crops",
        [21],
        [
            "MSP for wheat was raised to Rs 2,585 per quintal.",
            "The Commission for Agricultural Costs and Prices recommends MSPs.",
            "The GS2 angle (federal consultation with states) is covered separately.",
        ],
    ),
    (
        70121,
        "2026-04-20 10:00:00",
        "Syllabus: GS2/Health",
        "National Health Claims Exchange Launched",
        [21],
        [
            "A digital platform to standardise and speed up health insurance claims.",
            "It is part of the Ayushman Bharat Digital Mission.",
        ],
    ),
    (
        70122,
        "2026-04-20 17:25:00",
        "Syllabus: GS3/Economy",
        "Index of Industrial Production: March Data",
        [21],
        ["IIP growth slowed to 3% in March.", "Manufacturing has the largest weight in the index."],
    ),
    (
        70123,
        "2026-04-21 09:05:00",
        "Syllabus: GS3/ Disaster Management",
        "Cyclone Preparedness in Odisha",
        [21],
        [
            "Odisha's zero-casualty approach relies on early evacuation.",
            "Multipurpose cyclone shelters serve as schools in normal times.",
        ],
    ),
    (
        71990,
        "2026-04-21 18:29:38",
        "Syllabus: GS2/International Relations",
        "India-South Korea Special Strategic Partnership",
        [21],
        [
            "India and South Korea decided to resume negotiations for upgrading CEPA.",
            "Focus areas include <strong>Chips to Ships</strong> and Talent to Technology.",
        ],
    ),
    (
        70125,
        "2026-04-22 08:00:00",
        "Syllabus: GS1/Society",
        "Women in the Workforce: PLFS Data",
        [21],
        [
            "The female labour force participation rate rose to 41.7%.",
            "Much of the rise is in self-employment in rural areas.",
        ],
    ),
    (
        70126,
        "2026-04-22 11:30:00",
        "Syllabus: GS4/ Ethics",
        "Probity in Governance: Citizen's Charters",
        [33],
        [
            "Citizen's charters set out standards of service and grievance redress.",
            "Sevottam is the model for service delivery excellence.",
        ],
    ),
]

# Posts edited after publication: id -> (local modified time, text added to the content).
EDITS = {
    70108: ("2026-04-16 09:00:00", "Update: the judgment has been published in full."),
    71990: ("2026-04-21 18:32:01", ""),
}


def _gmt(local: str) -> str:
    return (datetime.strptime(local, "%Y-%m-%d %H:%M:%S") - IST).strftime("%Y-%m-%dT%H:%M:%S")


def _content(syllabus: str | None, points: list[str], link: str) -> str:
    parts = []
    if syllabus:
        parts.append(f"<p><strong>{syllabus}</strong></p>")
    parts.append('<h2 class="wp-block-heading"><strong>Context</strong></h2>')
    items = "".join(f"<li>{p}</li>" for p in points)
    parts.append(f'<ul class="wp-block-list">{items}</ul>')
    parts.append(
        '<h2 class="wp-block-heading"><strong>About</strong></h2>'
        f'<p>For the background, see <a href="{link}">the full article</a>.</p>'
    )
    parts.append(
        '<p><a href="https://indianexpress.com/" target="_blank" rel="noopener">Source: IE</a></p>'
    )
    return "\n\n".join(parts) + "\n"


def build() -> list[dict]:
    posts = []
    for post_id, local, syllabus, title, cats, points in POSTS:
        day = local[:10]
        slug = "-".join(w for w in title.lower().replace(":", "").split() if w.isascii())[:60]
        link = f"{BASE}/current-affairs/{day[8:10]}-{day[5:7]}-{day[:4]}/{slug or post_id}"
        content = _content(syllabus, points, link)
        modified, revisions = local, 1
        if post_id in EDITS:
            modified, extra = EDITS[post_id]
            revisions = 3 if not extra else 2
            if extra:
                content += f"<p><em>{extra}</em></p>\n"
        excerpt = f"<p>{points[-1] if points[0].startswith('<strong>') else points[0]}</p>\n"
        posts.append(
            {
                "id": post_id,
                "date_gmt": _gmt(local),
                "modified_gmt": _gmt(modified),
                "slug": slug or str(post_id),
                "status": "publish",
                "type": "post",
                "link": link,
                "guid": {"rendered": f"{BASE}/?p={post_id}"},
                "title": {"rendered": title},
                "content": {"rendered": content, "protected": False},
                "excerpt": {"rendered": excerpt, "protected": False},
                "author": 15,
                "categories": cats,
                "tags": [],
                "_revisions": revisions,
            }
        )
    return posts


def main() -> None:
    here = Path(__file__).parent
    posts = build()
    for cat in CATEGORIES:
        cat["count"] = sum(cat["id"] in p["categories"] for p in posts)
    for name, data in (("posts.json", posts), ("categories.json", CATEGORIES)):
        text = json.dumps(data, ensure_ascii=False, indent=1)
        (here / name).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
