"""What a post about each paper tends to talk about: the prior of inferred filing.

Source: the UPSC Civil Services syllabus as the Commission publishes it (Mains General
Studies I–IV and Essay; Preliminary General Studies Paper I), summarised by paper in the
project's reference notes, and the words current-affairs posts use for those topics (a
repo-rate post says "repo", "inflation", "RBI"). These are starting weights only: the model
learns the rest from every post a site did mark (digest.classify.infer).
"""

from __future__ import annotations

VOCABULARY: dict[str, str] = {
    "GS1": """
        culture art arts architecture temple temples sculpture painting paintings dance music
        literature heritage monument monuments dynasty empire ancient medieval mughal maurya
        gupta chola vijayanagara harappan inscription inscriptions excavation archaeological
        festival festivals tradition traditional craft crafts textile handloom folk tribal
        freedom struggle colonial british gandhi nehru revolt movement nationalist reformer
        independence partition princely world war revolution industrial colonisation
        decolonisation communism capitalism socialism society women caste population poverty
        urbanisation urbanization migration secularism communalism regionalism globalisation
        geography earthquake tsunami volcano volcanic cyclone cyclones glacier glaciers plate
        tectonic river rivers ocean current monsoon rainfall landslide himalaya himalayan
        desert plateau island islands strait mineral minerals resources
    """,
    "GS2": """
        constitution constitutional amendment article parliament lok sabha rajya legislature
        assembly bill act law judiciary court supreme high judgment judge judges bench
        petition tribunal governor president minister ministry cabinet federal federalism
        centre state states union panchayat municipal election elections electoral voters
        commission statutory regulatory governance transparency accountability citizen
        citizens scheme schemes welfare health education hospital school schools students
        nutrition hunger vulnerable children disability disabilities minority minorities
        reservation rights policy policies ngo self help group bilateral multilateral
        summit treaty agreement diplomatic diplomacy foreign embassy visa diaspora neighbour
        neighbourhood relations united nations g20 brics quad sco saarc asean nato wto imf
        pakistan china nepal bangladesh bhutan myanmar lanka maldives afghanistan russia
        america european gulf africa
    """,
    "GS3": """
        economy economic gdp growth inflation repo rbi monetary fiscal budget deficit tax
        taxes gst bank banks banking credit loan loans investment investors market markets
        export exports import imports trade tariff rupee currency industry industrial
        manufacturing infrastructure railway railways port ports highway energy power
        electricity solar renewable coal oil gas hydrogen agriculture agricultural farmer
        farmers farm crop crops kharif rabi msp irrigation fertiliser fertilizer food
        procurement dairy fisheries science technology space isro satellite launch rocket
        mission nuclear quantum semiconductor artificial intelligence digital cyber data
        biotechnology vaccine genome research innovation startup startups environment
        environmental pollution emission emissions climate carbon biodiversity wildlife
        forest forests conservation species tiger wetland wetlands ecology ecological
        disaster flood floods drought heatwave security terrorism terror extremism naxal
        insurgency border army navy defence military missile drone drones police
    """,
    "GS4": """
        ethics ethical integrity probity honesty moral morality values virtue virtues
        conscience empathy compassion impartiality objectivity accountability dilemma
        attitude emotional intelligence philosopher philosophy thinkers kant aristotle
        gandhian duty character corruption whistleblower
    """,
    "Prelims": """
        species sanctuary reserve national park index ranking report award awarded prize
        exercise operation mascot day observed theme launched portal app spotted discovered
        located bird plant frog snake butterfly lake hill hills peak pass geographical
        indication
    """,
}
