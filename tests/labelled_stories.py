"""Real coverage of the same news by several sites, labelled by story (issue #31).

Each entry is one real published write-up: its URL, its site, the day it appeared (UTC;
an hour is given only to order a day's posts), the story it reports, and a title and a
summary written here, in the project's own words. A summary keeps the facts a reader would
compare (who, what, numbers, dates) and none of the post's sentences. Found through the
workplace search index of stored public pages.

The set is built around look-alikes that are *not* the same story: two stages of one affair
days apart (the electoral-bond verdict, the bank's hand-over of the data, the Commission's
first and second publication; the rover's and the lander's sleep), a verdict and what a
state did with it three days later, the same rate kept at two meetings, one report's two
yearly editions, the same agency's two announcements on one day, and an announcement of a
date against what happened on it.
"""

from __future__ import annotations

STORIES = [
    # --- Article 370: the verdict (11 Dec 2023) and the announcement of its date (7 Dec)
    {
        "url": "https://www.livemint.com/news/india/supreme-court-to-deliver-verdict-in-article-370-case-on-11-dec-11701968906585.html",
        "site": "livemint",
        "date": "2023-12-07T09:00",
        "story": "a370-date",
        "title": "Article 370 petitions: judgment to be pronounced on 11 December",
        "summary": "The five-judge bench under CJI Chandrachud, which heard the challenge "
        "to the 2019 abrogation for sixteen days and reserved its decision on 5 September, "
        "listed the pronouncement for 11 December. Petitioners call the move an assault on "
        "federalism.",
    },
    {
        "url": "https://www.ndtvprofit.com/law-and-policy/article-370-verdict-supreme-court-upholds-abrogation-of-jks-special-status",
        "site": "ndtvprofit",
        "date": "2023-12-11T07:00",
        "story": "a370-verdict",
        "title": "Supreme Court upholds end of Jammu and Kashmir's special status",
        "summary": "A Constitution bench held that Article 370 was a temporary, wartime "
        "arrangement and that the President could revoke it; the use of power for "
        "constitutional order 273 was not mala fide. Ladakh's separation as a Union "
        "Territory stands, the question of turning a state into a UT is left open, and the "
        "Election Commission must hold Jammu and Kashmir polls in 2024. Justices Kaul and "
        "Khanna wrote concurring opinions.",
    },
    {
        "url": "https://www.hindustantimes.com/india-news/supreme-court-holds-abrogation-of-article-370-valid-key-takeaways-101702279654234-amp.html",
        "site": "hindustantimes",
        "date": "2023-12-11T08:00",
        "story": "a370-verdict",
        "title": "Abrogation of Article 370 valid, rules SC: what the judgment says",
        "summary": "Five judges led by the Chief Justice found the 2019 revocation of Article "
        "370 lawful: the President needed no recommendation from the J&K assembly, and the "
        "provision was only interim. The court asked for statehood to be restored soon and "
        "for assembly elections by 30 September 2024, and upheld carving out Ladakh on 5 "
        "August 2019. The Prime Minister called the ruling historic.",
    },
    {
        "url": "https://www.newdelhitimes.com/in-a-historic-verdict-supreme-court-upholds-abrogation-of-article-370/",
        "site": "newdelhitimes",
        "date": "2023-12-12T05:00",
        "story": "a370-verdict",
        "title": "Unanimous 5-0 ruling backs the revocation of Article 370",
        "summary": "The bench of CJI Chandrachud with Justices Kaul, Khanna, Gavai and Surya "
        "Kant held that Jammu and Kashmir had no internal sovereignty and that the "
        "Presidential order ending Article 370 was valid. Polls to the J&K legislative "
        "assembly are to be held by 30 September 2024, statehood to return as early as "
        "possible, and Ladakh stays a Union Territory.",
    },
    # --- Electoral bonds: the verdict (15 Feb 2024)
    {
        "url": "https://www.ndtvprofit.com/law-and-policy/what-the-supreme-court-ruling-striking-down-electoral-bonds-means",
        "site": "ndtvprofit",
        "date": "2024-02-15T09:00",
        "story": "eb-verdict",
        "title": "What the Supreme Court's electoral bond ruling means",
        "summary": "A unanimous Supreme Court held the electoral bond scheme unconstitutional, "
        "along with the changes to the Representation of the People Act and the Income Tax "
        "Act that kept donations secret. Voters are entitled to know who funds parties, and "
        "donors cannot stay anonymous where a favour may be traded.",
    },
    {
        "url": "https://www.livemint.com/news/india/supreme-court-strikes-down-electoral-bonds-scheme-associated-amendments-as-unconstitutional-11707981023862.html",
        "site": "livemint",
        "date": "2024-02-15T10:00",
        "story": "eb-verdict",
        "title": "Electoral bond scheme and related amendments struck down",
        "summary": "In a landmark judgment the court scrapped the electoral bonds scheme and "
        "amendments to the RP Act, Income Tax Act and Companies Act as violating the right to "
        "information. State Bank of India must stop issuing bonds and give the Election "
        "Commission details of bonds bought since the interim order of 12 April 2019 by 6 "
        "March.",
    },
    {
        "url": "https://www.eastcoastdaily.in/2024/02/15/sc-rules-electoral-bonds-unconstitutional-orders-halt.html",
        "site": "eastcoastdaily",
        "date": "2024-02-15T11:00",
        "story": "eb-verdict",
        "title": "SC declares electoral bonds unconstitutional, orders sales halted",
        "summary": "The five-judge bench headed by CJI Chandrachud said anonymous bonds breach "
        "Article 19(1)(a) and citizens' right to know. SBI is to disclose bonds encashed since "
        "12 April 2019 to the ECI by 6 March, the Commission to publish them by 31 March, and "
        "parties must return bonds still within their 15-day validity. Companies Act "
        "provisions on corporate funding also fall.",
    },
    {
        "url": "https://thenorthlines.com/electoral-bonds-scheme-unconstitutional-should-be-cancelled-supreme-courts-big-verdict-ahead-of-lok-sabha-elections/",
        "site": "thenorthlines",
        "date": "2024-02-15T12:00",
        "story": "eb-verdict",
        "title": "Electoral bonds scheme unconstitutional, banks told to stop issuing them",
        "summary": "Ahead of the Lok Sabha polls the Constitution bench ruled the bonds scheme "
        "violates the right to information; SBI must submit purchase and party details to the "
        "Election Commission by 6 March and the ECI must publish them within a week. ADR's "
        "counsel Prashant Bhushan welcomed the verdict; Justice Khanna concurred separately.",
    },
    # --- Electoral bonds: SBI hands the data to the ECI (12 Mar 2024)
    {
        "url": "https://www.deccanherald.com/india/sbi-sends-all-electoral-bonds-data-to-election-commission-a-day-after-supreme-court-rap-2933296",
        "site": "deccanherald",
        "date": "2024-03-12T14:00",
        "story": "eb-sbi-data",
        "title": "SBI sends electoral bond data to the Election Commission",
        "summary": "A day after the Supreme Court refused it more time, the State Bank of India "
        "supplied the bond details to the ECI on 12 March, as the Commission confirmed on X. "
        "The ECI must put them on its website by 5 pm on 15 March. SBI had asked for time "
        "until 30 June; it sold bonds worth Rs 16,518 crore in 30 phases since 2018.",
    },
    {
        "url": "https://www.thehindu.com/news/national/sbi-sends-electoral-bonds-details-to-election-commission/article67943294.ece/amp/",
        "site": "thehindu",
        "date": "2024-03-12T14:30",
        "story": "eb-sbi-data",
        "title": "Bond details reach the poll panel from SBI",
        "summary": "Complying with the court's order to do so by close of business on 12 March, "
        "SBI passed the electoral bond information to the Election Commission, which "
        "confirmed receipt and has until 15 March, 5 pm, to publish it. The bank's plea for "
        "an extension to 30 June had been rejected; bonds worth Rs 16,518 crore were issued "
        "in 30 tranches.",
    },
    {
        "url": "https://www.ndtvprofit.com/nation/sbi-submits-electoral-bonds-data-to-election-commission",
        "site": "ndtvprofit",
        "date": "2024-03-12T15:00",
        "story": "eb-sbi-data",
        "title": "State Bank of India hands electoral bond data to ECI",
        "summary": "On Tuesday evening SBI delivered the data under the Supreme Court's orders "
        "of 15 February and 11 March, the poll body's spokesperson said. The Commission will "
        "collate it and publish it by 5 pm on 15 March; the court had warned the bank of "
        "contempt for wilful disobedience after it sought to move the 6 March deadline.",
    },
    {
        "url": "https://www.opindia.com/2024/03/sbi-submits-electoral-bonds-data-to-election-commission-of-india/",
        "site": "opindia",
        "date": "2024-03-12T16:00",
        "story": "eb-sbi-data",
        "title": "SBI submits electoral bond data to Election Commission of India",
        "summary": "The bank gave the ECI raw data on bond purchases and encashments on 12 March "
        "in line with the directions of 15 February and 11 March 2024 (WPC 880 of 2017); the "
        "Commission confirmed receipt and is to release it by Friday, 15 March, 5 pm.",
    },
    # --- Electoral bonds: the ECI publishes the first list (14 Mar 2024)
    {
        "url": "https://www.ndtvprofit.com/nation/electoral-bond-data-here-are-the-list-of-top-donors-of-the-last-five-years",
        "site": "ndtvprofit",
        "date": "2024-03-14T16:00",
        "story": "eb-eci-first",
        "title": "Electoral bond data out: the top donors of five years",
        "summary": "The Election Commission put SBI's bond data on its website. Lottery firm "
        "Future Gaming and Hotel Services is the largest buyer at Rs 1,368 crore, followed by "
        "Megha Engineering and Infrastructures at Rs 896 crore and Qwik Supply Chain at Rs "
        "410 crore; 1,277 entities bought bonds worth Rs 12,155 crore between April 2019 and "
        "January 2024. Haldia Energy, Vedanta and Essel Mining are also in the top ten.",
    },
    {
        "url": "https://www.livemint.com/news/india/electoral-bond-data-check-list-of-top-donors-as-election-commission-releases-data-sbi-supreme-court-11710428452277.html",
        "site": "livemint",
        "date": "2024-03-14T16:30",
        "story": "eb-eci-first",
        "title": "ECI releases electoral bond data: who bought the most",
        "summary": "Two days after SBI's submission, the Commission made the bond lists public. "
        "Future Gaming (Santiago Martin's lottery business) bought Rs 1,368 crore of bonds and "
        "Megha Engineering about Rs 980 crore; Grasim, Piramal, Bharti Airtel, Vedanta, Torrent "
        "Power and DLF are among the buyers.",
    },
    {
        "url": "https://english.bharatexpress.com/india/election-commission-website-reveals-future-gamings-record-breaking-donation-of-rs-1368-crore-through-electoral-bonds-141139/amp",
        "site": "bharatexpress",
        "date": "2024-03-15T04:00",
        "story": "eb-eci-first",
        "title": "Future Gaming's Rs 1,368 crore tops the bond buyers on the ECI site",
        "summary": "The poll panel's release of the SBI data shows Future Gaming and Hotel "
        "Services as the biggest purchaser at Rs 1,368 crore and Megha Engineering second; "
        "recipients include the BJP, Congress, Trinamool, BRS, DMK and many other parties.",
    },
    # --- Electoral bonds: the ECI's second release, party-wise (17 Mar 2024)
    {
        "url": "https://www.businesstoday.in/india/story/eci-uploads-new-information-on-funds-received-by-parties-via-now-scrapped-electoral-bonds-421804-2024-03-17",
        "site": "businesstoday",
        "date": "2024-03-17T10:00",
        "story": "eb-eci-second",
        "title": "ECI uploads what each party received through bonds",
        "summary": "New data from the sealed covers the parties filed shows the BJP received Rs "
        "6,986.5 crore, Trinamool Rs 1,397 crore, Congress Rs 1,334 crore and BRS Rs 1,322 "
        "crore. Future Gaming gave Rs 509 crore to the DMK. The lists give dates and "
        "denominations but not the bond numbers that would match donor to party.",
    },
    {
        "url": "https://www.latestly.com/agency-news/india-news-future-gaming-top-donor-for-dmk-shows-ecs-new-data-on-electoral-bonds-5827441.html",
        "site": "latestly",
        "date": "2024-03-17T11:00",
        "story": "eb-eci-second",
        "title": "Future Gaming was the DMK's largest bond donor, new ECI data shows",
        "summary": "Data for the period before 12 April 2019, received from the Supreme Court "
        "registry, was published on Sunday: about 37 per cent of Future Gaming's Rs 1,368 "
        "crore went to the DMK (Rs 509 crore). The BJP leads with Rs 6,986.5 crore, ahead of "
        "Trinamool, Congress and BRS; BJD got Rs 944.5 crore.",
    },
    # --- CAA rules notified (11 Mar 2024): the same window as the bond hand-over
    {
        "url": "https://www.livemint.com/news/india/caa-notification-india-pdf-pm-modi-announcement-today-mha-citizenship-rules-persecuted-what-is-caa-act/amp-11710169355009.html",
        "site": "livemint",
        "date": "2024-03-11T13:00",
        "story": "caa-rules",
        "title": "Centre notifies the rules of the Citizenship Amendment Act",
        "summary": "The Home Ministry notified the Citizenship (Amendment) Rules, 2024 on 11 "
        "March, four years after Parliament passed the 2019 law. Hindu, Sikh, Jain, "
        "Buddhist, Parsi and Christian migrants from Pakistan, Bangladesh and Afghanistan "
        "who came before 2014 can apply online on a new portal. Mamata Banerjee said she "
        "would fight any loss of rights.",
    },
    {
        "url": "https://www.wionews.com/india-news/indian-announces-implementation-of-caa-how-to-apply-for-it-699093",
        "site": "wionews",
        "date": "2024-03-11T14:00",
        "story": "caa-rules",
        "title": "CAA comes into force: how to apply",
        "summary": "Weeks before the general election, the government notified the CAA rules. "
        "Amit Shah said persecuted minorities from three neighbouring countries who entered "
        "India by 31 December 2014 can now seek citizenship; the online form asks for the "
        "date of entry, family members and community.",
    },
    {
        "url": "https://en.prothomalo.com/international/india/38d08yovdn",
        "site": "prothomalo",
        "date": "2024-03-11T15:00",
        "story": "caa-rules",
        "title": "India notifies rules to implement the citizenship law",
        "summary": "India's Home Ministry issued the Citizenship (Amendment) Rules, 2024 on "
        "Monday, days before the Lok Sabha election schedule, letting those eligible under "
        "the 2019 Act apply for citizenship entirely online.",
    },
    {
        "url": "https://www.newdelhitimes.com/centre-notifies-citizenship-amendment-act-rules/",
        "site": "newdelhitimes",
        "date": "2024-03-12T05:00",
        "story": "caa-rules",
        "title": "Union Home Ministry notifies Citizenship Amendment Act rules",
        "summary": "The Citizenship (Amendment) Rules 2024 set out how persons entitled under "
        "the CAA apply. The Act, passed on 11 December 2019, amended the Citizenship Act, "
        "1955 to speed citizenship for six minority faiths from Afghanistan, Bangladesh and "
        "Pakistan who arrived by 2014; Muslims are not covered.",
    },
    # --- RBI: the April 2023 pause at 6.5%, and June 2023 (same rate, another meeting)
    {
        "url": "https://www.lokmattimes.com/national/rbi-keeps-policy-repo-rate-unchanged-at-65-a475/",
        "site": "lokmattimes",
        "date": "2023-04-06T05:00",
        "story": "rbi-apr-2023",
        "title": "RBI leaves repo rate at 6.5 per cent",
        "summary": "Governor Shaktikanta Das said the Monetary Policy Committee held the repo "
        "rate at 6.5% and stands ready to act, citing uncertain geopolitics; the rupee was at "
        "81.95 to the dollar. The rate had gone up 25 basis points in February, 250 in all "
        "since May 2022.",
    },
    {
        "url": "https://www.financialexpress.com/economy/rbi-mpc-keeps-repo-rate-unchanged-in-surprise-move-to-pause-and-assess-but-leaves-scope-for-future-action/3035980/",
        "site": "financialexpress",
        "date": "2023-04-06T06:00",
        "story": "rbi-apr-2023",
        "title": "Surprise pause: MPC holds repo at 6.5%, keeps door open",
        "summary": "Against a Reuters poll expecting a 25 bps hike, the MPC unanimously kept "
        "the policy repo rate at 6.5 per cent to assess the 250 bps of hikes since May 2022. "
        "Das said the committee will not hesitate to raise rates again; inflation is at 6.4 "
        "per cent and the stance stays withdrawal of accommodation.",
    },
    {
        "url": "https://www.wionews.com/india-news/rbi-applies-brakes-on-repo-rate-hike-keeps-it-unchanged-at-65-579686",
        "site": "wionews",
        "date": "2023-04-06T07:00",
        "story": "rbi-apr-2023",
        "title": "RBI halts its run of rate hikes, repo unchanged at 6.5%",
        "summary": "After six increases since May 2022 adding up to 250 basis points, the "
        "central bank paused on Thursday. Das said the decision could be revisited; inflation "
        "is projected at 5.1% in Q1 and 5.4% in Q2. The last two hikes were 35 bps in "
        "December 2022 and 25 bps in February 2023.",
    },
    {
        "url": "https://www.deccanherald.com/business/economy-business/rbi-hits-pause-keeps-repo-rate-unchanged-at-65-1207156.html",
        "site": "deccanherald",
        "date": "2023-04-06T04:30",
        "story": "rbi-apr-2023",
        "title": "RBI pauses, repo rate stays 6.5%",
        "summary": "The Reserve Bank kept the repo rate at 6.5 per cent after raising it at its "
        "six previous meetings, against most economists' forecasts. February retail "
        "inflation was 6.44 per cent, above the 2-6 per cent band; OPEC's output cut and "
        "unseasonal rain add to price risks.",
    },
    {
        "url": "https://www.wionews.com/business-economy/reserve-bank-of-india-keeps-repo-rate-unchanged-at-65-601979",
        "site": "wionews",
        "date": "2023-06-08T06:00",
        "story": "rbi-jun-2023",
        "title": "Repo rate unchanged at 6.5% again",
        "summary": "The MPC unanimously held the policy rate at 6.5 per cent on Thursday as "
        "retail inflation eased in April, and by five votes to one kept the stance of "
        "withdrawal of accommodation, Governor Das said.",
    },
    # --- Chandrayaan-3: landing (23 Aug 2023); rover asleep (2 Sep); lander asleep (4 Sep)
    {
        "url": "https://www.techexplorist.com/milestone-chandrayaan-3-successfully-landed-moon/67704/",
        "site": "techexplorist",
        "date": "2023-08-23T13:00",
        "story": "ch3-landing",
        "title": "Chandrayaan-3 lands near the Moon's south pole",
        "summary": "ISRO's lander touched down softly at about 18:03 IST on 23 August after "
        "powered descent began at 17:44, making India the fourth country to soft-land on the "
        "Moon and the first near its south pole. The mission was launched from Sriharikota "
        "on 14 July 2023 and follows Chandrayaan-2.",
    },
    {
        "url": "https://www.business-standard.com/opinion/editorial/on-the-moon-123082301035_1.html",
        "site": "business-standard",
        "date": "2023-08-23T18:00",
        "story": "ch3-landing",
        "title": "Editorial: India's Vikram lander is on the Moon",
        "summary": "The soft landing of Chandrayaan-3's Vikram lander shows ISRO's skill and "
        "puts India fourth among nations with a controlled lunar landing, after Chandrayaan-2 "
        "crashed and a Russian probe failed days ago. The Pragyan rover is to roll out hours "
        "after touchdown.",
    },
    {
        "url": "https://kbiher.in/blog_details/chandrayaan-3-indias-historic-landing-on-the-moons-south-pole",
        "site": "kbiher",
        "date": "2023-08-24T06:00",
        "story": "ch3-landing",
        "title": "Chandrayaan-3: a historic landing at the lunar south pole",
        "summary": "Vikram touched the lunar surface near the south pole at 6:04 pm IST on 23 "
        "August 2023, a first for any nation; the mission left Sriharikota on 14 July with an "
        "orbiter, a lander and the Pragyan rover, which came out on 24 August. The region may "
        "hold water ice.",
    },
    {
        "url": "https://www.livemint.com/science/news/chandrayaan3-update-isro-says-pragyan-rover-put-into-sleep-mode-may-wake-up-on-22-september/amp-11693672750131.html",
        "site": "livemint",
        "date": "2023-09-02T15:00",
        "story": "ch3-rover-sleep",
        "title": "Pragyan rover put to sleep, may wake on 22 September",
        "summary": "ISRO said the rover finished its work, was parked and set into sleep mode "
        "with APXS and LIBS switched off and its battery full; its solar panel faces the next "
        "sunrise on 22 September 2023. Chairman Somanath said it had moved about 100 metres "
        "from the lander.",
    },
    {
        "url": "https://thenewsminute.com/amp/story/news/chandrayaan-3-isro-say-moon-rover-pragyan-put-sleep-mode-181838",
        "site": "thenewsminute",
        "date": "2023-09-02T16:00",
        "story": "ch3-rover-sleep",
        "title": "Moon rover Pragyan goes into sleep mode",
        "summary": "On Saturday, 2 September, ISRO parked Pragyan and turned off its two "
        "payloads, keeping the receiver on in hope of a revival at sunrise on 22 September; "
        "otherwise it stays as India's lunar ambassador. The rover earlier found sulphur, "
        "aluminium and oxygen near the south pole.",
    },
    {
        "url": "https://citylife.capetown/uncategorized/chandrayaan-3-update-isro-says-pragyan-rover-put-into-sleep-mode-may-wake-up-on-22-september/362116/",
        "site": "citylife",
        "date": "2023-09-03T06:00",
        "story": "ch3-rover-sleep",
        "title": "ISRO parks Pragyan for the lunar night",
        "summary": "The Chandrayaan-3 rover has completed its tasks and sleeps with a charged "
        "battery and its panel turned toward the sunrise expected on 22 September; data from "
        "APXS and LIBS went to Earth through the Vikram lander. It travelled nearly 100 "
        "metres.",
    },
    {
        "url": "https://www.indiatvnews.com/science/chandrayaan-3-vikram-will-fall-asleep-next-to-pragyan-once-the-solar-power-is-depleted-tweets-isro-latest-updates-2023-09-04-890705",
        "site": "indiatvnews",
        "date": "2023-09-04T08:00",
        "story": "ch3-lander-sleep",
        "title": "Vikram lander now in sleep mode beside Pragyan",
        "summary": "ISRO set the lander into sleep mode at about 08:00 IST on Monday, 4 "
        "September, after ChaSTE, RAMBHA-LP and ILSA ran experiments at a new spot. Its "
        "receivers stay on; both craft may wake around 22 September.",
    },
    {
        "url": "https://www.moneycontrol.com/news/trends/vikram-will-fall-asleep-next-to-pragyan-once-it-runs-out-of-power-isro-11308701.html",
        "site": "moneycontrol",
        "date": "2023-09-04T09:00",
        "story": "ch3-lander-sleep",
        "title": "Lander to sleep after its hop test",
        "summary": "Vikram went to sleep on 4 September once its payloads finished work at the "
        "new location it reached in a hop: the engines lifted it about 40 cm and it landed 30 "
        "to 40 cm away, a rehearsal for sample-return missions. ISRO hopes the pair revive "
        "about 22 September.",
    },
    # --- Aditya-L1 launched (2 Sep 2023): the same agency, the same day as the rover's sleep
    {
        "url": "https://www.lokmattimes.com/national/pm-modi-congratulates-isro-scientists-for-successful-launch-of-indias-first-solar-mission-a505/",
        "site": "lokmattimes",
        "date": "2023-09-02T08:00",
        "story": "aditya-launch",
        "title": "Aditya-L1 launched: PM congratulates ISRO",
        "summary": "India's first solar observatory lifted off on PSLV-C57 from Sriharikota on "
        "2 September; Narendra Modi hailed the scientists after Chandrayaan-3. The craft will "
        "study the corona and the solar wind from the Sun-Earth L1 point, 1.5 million km "
        "away, with seven payloads.",
    },
    {
        "url": "https://newstodaynet.com/2023/09/02/after-historic-moon-landing-isros-aditya-l1-launched-successfully/",
        "site": "newstodaynet",
        "date": "2023-09-02T09:00",
        "story": "aditya-launch",
        "title": "ISRO's Aditya-L1 sun mission lifts off",
        "summary": "The PSLV-C57.1 rocket left the Satish Dhawan Space Centre at 11:50 am on "
        "Saturday with ISRO's first solar mission, which should reach a halo orbit around "
        "Lagrange point 1, 1.5 million km from Earth, in about four months; four of its seven "
        "instruments look at the Sun.",
    },
    {
        "url": "https://www.news18.com/india/aditya-l-1-mission-pm-modi-congratulates-isro-on-successful-launch-of-solar-mission-8561096.html",
        "site": "news18",
        "date": "2023-09-02T10:00",
        "story": "aditya-launch",
        "title": "Solar mission Aditya-L1 on its way",
        "summary": "The 44.4 m PSLV flew at 11:50 am after a 23-hour-40-minute countdown, "
        "carrying Aditya L-1 to study the photosphere, chromosphere and corona from L1 "
        "without eclipses; the Prime Minister congratulated ISRO.",
    },
    # --- Global Hunger Index: the 2023 edition and the 2022 edition
    {
        "url": "https://www.livemint.com/news/india/india-drops-further-down-global-hunger-index-to-rank-111th-reports-highest-child-wasting-rate-11697120484216.html",
        "site": "livemint",
        "date": "2023-10-12T09:00",
        "story": "ghi-2023",
        "title": "India 111th of 125 in Global Hunger Index 2023",
        "summary": "With a score of 28.7, India's hunger is rated serious and its child wasting "
        "rate of 18.7% is the highest in the report; stunting is 35.5%, undernourishment "
        "16.6%. Pakistan (102), Bangladesh (81), Nepal (69) and Sri Lanka (60) rank higher.",
    },
    {
        "url": "https://www.thehindu.com/news/national/india-ranks-111-out-of-a-total-of-125-countries-in-global-hunger-index/article67412042.ece/amp/",
        "site": "thehindu",
        "date": "2023-10-12T12:00",
        "story": "ghi-2023",
        "title": "Hunger index places India at 111 among 125 countries",
        "summary": "India's GHI 2023 score of 28.7 is serious; progress has nearly stalled since "
        "2015, when the score was 29.2. The world's score is 18.3. The government has "
        "disputed the index before; its publishers deny using a telephone poll.",
    },
    {
        "url": "https://read.pk/4601/india-ranks-111th-in-global-hunger-index-2023",
        "site": "readpk",
        "date": "2023-10-13T06:00",
        "story": "ghi-2023",
        "title": "India 111th in the 2023 hunger index, behind its neighbours",
        "summary": "The index by Concern Worldwide and Welthungerhilfe gives India 28.7 and rank "
        "111 of 125; child wasting 18.7%, anaemia among women aged 15-24 at 58.1%. Pakistan "
        "is 102nd, Bangladesh 81st, Nepal 69th, Sri Lanka 60th.",
    },
    {
        "url": "https://www.thehansindia.com/news/national/india-at-107th-rank-out-of-121-nations-in-hunger-index-765557",
        "site": "thehansindia",
        "date": "2022-10-15T06:00",
        "story": "ghi-2022",
        "title": "India 107th among 121 countries in hunger index",
        "summary": "The Global Hunger Index 2022 rates India serious with a score of 29.1 and a "
        "child wasting rate of 19.3 per cent, the world's highest. Only Afghanistan (109) "
        "trails in Asia; Pakistan is 99, Bangladesh 84, Nepal 81, Sri Lanka 64. India was "
        "101 of 116 in 2021.",
    },
    {
        "url": "https://www.dnaindia.com/india/report-global-hunger-index-2022-top-5-countries-india-falls-to-107th-position-2992994",
        "site": "dnaindia",
        "date": "2022-10-15T09:00",
        "story": "ghi-2022",
        "title": "Global Hunger Index 2022: India slides to 107",
        "summary": "Concern Worldwide and Welthungerhilfe place India 107th of 121, down from "
        "101st of 116, with a score of 29.1. Belarus and Bosnia and Herzegovina top the "
        "list; Yemen is last at 45.1. Child wasting in India is 19.3 per cent.",
    },
    {
        "url": "https://sputniknews.com/20221015/india-drops-to-107th-position-in-global-hunger-index-1101870385.html",
        "site": "sputniknews",
        "date": "2022-10-15T12:00",
        "story": "ghi-2022",
        "title": "India falls six places to 107th on hunger index",
        "summary": "The 2022 GHI of 121 nations puts India behind all South Asian neighbours but "
        "Afghanistan; its score went from 38.8 in 2000 to 28.2 in 2014 and now 29.1, rated "
        "serious.",
    },
    # --- Tamil Nadu: the Governor-assent judgment (8 Apr 2025) and the Acts notified (11-13 Apr)
    {
        "url": "https://www.latestly.com/agency-news/india-news-supreme-court-sets-aside-tamil-nadu-governors-reservation-of-10-bills-for-president-6766995.html",
        "site": "latestly",
        "date": "2025-04-08T07:00",
        "story": "tn-verdict",
        "title": "SC sets aside TN Governor's reservation of 10 Bills for the President",
        "summary": "Justices J B Pardiwala and R Mahadevan held that Governor R N Ravi's holding "
        "back of 10 re-enacted Bills and reserving them for the President was illegal and "
        "erroneous; the Bills are deemed cleared from the day they were presented again. A "
        "Governor has no absolute or pocket veto under Article 200.",
    },
    {
        "url": "https://www.livemint.com/news/india/big-setback-for-tamil-nadu-governor-must-give-assent-to-bills-no-pocket-veto-rules-supreme-court-11744091029971.html",
        "site": "livemint",
        "date": "2025-04-08T08:00",
        "story": "tn-verdict",
        "title": "No pocket veto: Governor must assent to re-passed Bills, says SC",
        "summary": "The Supreme Court ruled that Tamil Nadu Governor R N Ravi's refusal to "
        "assent to 10 Bills, some pending since January 2020, was illegal; under Article 200 "
        "he must act on the council of ministers' advice and cannot reserve a Bill presented "
        "a second time unless it differs from the first.",
    },
    {
        "url": "https://www.newsbytesapp.com/news/india/illegal-erroneous-sc-lambasts-tamil-nadu-governor-for-withholding-bills/story",
        "site": "newsbytes",
        "date": "2025-04-08T09:00",
        "story": "tn-verdict",
        "title": "SC calls TN Governor's withholding of Bills illegal",
        "summary": "Governor R N Ravi's refusal to clear 10 Bills of the state was illegal and "
        "erroneous, the court held; the Bills, some from January 2020, are taken as assented "
        "from their second presentation after the Assembly passed them again.",
    },
    {
        "url": "https://www.devdiscourse.com/article/law-order/3338688-supreme-court-rebukes-tamil-nadu-governor-over-bill-stalling",
        "site": "devdiscourse",
        "date": "2025-04-08T10:00",
        "story": "tn-verdict",
        "title": "Supreme Court rebukes Tamil Nadu Governor over stalled Bills",
        "summary": "The apex court faulted Governor R N Ravi for reserving 10 Bills for the "
        "President against the Constitution; Chief Minister M K Stalin called the ruling "
        "historic, a win for every state government.",
    },
    {
        "url": "https://www.newsbytesapp.com/news/politics/tamil-nadu-enacts-10-laws-post-supreme-court-ruling/story",
        "site": "newsbytes",
        "date": "2025-04-12T06:00",
        "story": "tn-acts",
        "title": "Tamil Nadu brings 10 Acts into force after the SC ruling",
        "summary": "Relying on the court's finding that the re-passed Bills were deemed "
        "assented, the state published 10 Acts in its Gazette, among them renaming the "
        "fisheries university after J Jayalalithaa and moving vice-chancellor appointments "
        "from the Governor-Chancellor to the government. DMK MP P Wilson called them the "
        "first Acts in India to take effect without a Governor's or President's signature.",
    },
    {
        "url": "https://www.htsyndication.com/united-news-of-india/article/armed-with-sc-verdict%2C-tn-creates-legislative-history%2C-notifies-10-acts-in-gazette/89419212",
        "site": "uni",
        "date": "2025-04-13T05:00",
        "story": "tn-acts",
        "title": "Armed with the verdict, Tamil Nadu notifies 10 Acts in the Gazette",
        "summary": "In a first for India, the state notified 10 Acts without the assent of the "
        "Governor or the President, the Bills having been held deemed assented; the Governor "
        "had sent them to the President, who never cleared them.",
    },
    {
        "url": "https://www.usthadian.com/?p=6690",
        "site": "usthadian",
        "date": "2025-04-12T09:00",
        "story": "tn-acts",
        "title": "Tamil Nadu notifies 10 Acts without the Governor's assent",
        "summary": "On 11 April 2025 the state gazetted 10 Acts, most of them on appointing "
        "vice-chancellors of state universities (fisheries, veterinary, Ambedkar law, MGR "
        "medical), shifting that power to the government; the step followed the Supreme "
        "Court's ruling on time limits for Governors.",
    },
    # --- India-UK trade agreement signed at Chequers (24 Jul 2025)
    {
        "url": "https://nationaltimesmedia.com/india-uk-sign-landmark-free-trade-deal-to-double-bilateral-trade-by-2030",
        "site": "nationaltimes",
        "date": "2025-07-24T12:00",
        "story": "uk-fta-signed",
        "title": "India and UK sign a trade deal to double trade by 2030",
        "summary": "Modi and Keir Starmer saw the free trade agreement signed at Chequers; "
        "tariffs go on 99% of Indian exports (textiles, footwear, seafood, gems, jewellery) "
        "and come down on British whisky and cars. Starmer called it the UK's biggest deal "
        "since leaving the EU; a Vision 2035 roadmap is being drawn up.",
    },
    {
        "url": "https://www.lbc.co.uk/politics/uk-politics/uk-india-historic-trade-deal/",
        "site": "lbc",
        "date": "2025-07-24T10:30",
        "story": "uk-fta-signed",
        "title": "UK and India sign a 'historic' trade deal",
        "summary": "At Chequers, Business Secretary Jonathan Reynolds and Piyush Goyal signed "
        "the agreement in front of the two prime ministers; it is put at £6 billion of "
        "investment for Britain, and both leaders pledged to work against illegal migration "
        "and organised crime.",
    },
    {
        "url": "https://m.thewire.in/article/diplomacy/india-uk-free-trade-deal-inked-chequers/amp?utm=relatedarticles",
        "site": "thewire",
        "date": "2025-07-24T14:00",
        "story": "uk-fta-signed",
        "title": "Free trade deal with UK inked; textiles, gems, footwear to gain",
        "summary": "After three years of talks, the Comprehensive Economic and Trade Agreement "
        "concluded in May was signed on Thursday, 24 July, during Modi's three-hour meeting "
        "with Starmer; it cuts Indian duties on whisky and cars and eases British access for "
        "Indian textiles and gems, and the leaders discussed extradition and terror.",
    },
    {
        "url": "https://thesun.my/world-news/uk-and-india-sign-landmark-trade-deal-boosting-economic-ties-PE14540096",
        "site": "thesun",
        "date": "2025-07-25T02:00",
        "story": "uk-fta-signed",
        "title": "UK and India formalise landmark trade deal",
        "summary": "The deal announced in May and signed at Chequers should lift bilateral "
        "trade by £25.5 billion and add £4.8 billion a year to the UK economy; whisky and "
        "medical devices get cheaper into India, Indian textiles and seafood into Britain. "
        "The leaders also spoke about the Air India crash.",
    },
    {
        "url": "https://www.newindianexpress.com/business/2023/apr/06/rbi-to-allow-pre-sanctioned-credit-lines-via-upi-2563263.html",
        "site": "newindianexpress",
        "date": "2023-04-06T09:00",
        "story": "rbi-upi-credit",
        "title": "RBI to let banks' pre-sanctioned credit lines run on UPI",
        "summary": "Announcing the April policy, Governor Das said UPI will carry transfers "
        "to and from credit lines banks have already sanctioned, besides deposit accounts; "
        "RuPay credit cards were linked earlier. UPI payments grew about 82 per cent in "
        "FY23 and reached 870 crore transactions in March. A portal to search unclaimed "
        "deposits across banks is also planned.",
    },
    {
        "url": "https://www.businesstoday.in/latest/politics/story/chandigarh-mayor-elections-sc-declares-aap-candidate-kuldeep-kumar-winner-in-polls-418240-2024-02-20",
        "site": "businesstoday",
        "date": "2024-02-20T10:00",
        "story": "chandigarh-mayor",
        "title": "SC declares AAP's Kuldeep Kumar Chandigarh mayor",
        "summary": "A bench under CJI Chandrachud set aside the 30 January result after finding "
        "that the eight ballots Returning Officer Anil Masih had rejected were valid and "
        "cast for the AAP-Congress candidate; Masih faces a perjury notice with three weeks "
        "to reply. The BJP had earlier kept all three posts.",
    },
    {
        "url": "https://www.wionews.com/india-news/chandigarh-mayor-polls-cji-orders-recounting-of-votes-all-defaced-ballot-papers-to-be-considered-valid-691977",
        "site": "wionews",
        "date": "2024-02-20T11:00",
        "story": "chandigarh-mayor",
        "title": "Chandigarh mayor poll: defaced ballots valid, AAP candidate elected",
        "summary": "Examining the ballots on 20 February, the court counted the eight votes "
        "marked by Anil Masih for Kuldeep Kumar, giving him 20 against 16 for the BJP's "
        "candidate, and declared him validly elected mayor of the Chandigarh Municipal "
        "Corporation.",
    },
]
