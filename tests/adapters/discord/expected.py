"""What the fake Discord should receive, written out by hand: embeds as JSON, literally.

These are checked against what the bot really sends over HTTP; none is produced by the renderer
or the engine under test. They follow the shipped knowledge/ folder: change a fact shown here and
the matching payload changes with it.
"""

from __future__ import annotations

from typing import Any

JSON = dict[str, Any]

BLURPLE = 0x5865F2  # an answer
ORANGE = 0xE67E22  # nothing found: did you mean …


# `!timeline 1970s`, page 1 of 2 at the tests' page size of 6.
TIMELINE_1970S: JSON = {
    "title": "Timeline: 1970s",
    "description": (
        "6 events\n"
        "\n"
        "**1971** — Pakistan was broken up in 1971 at the end of the war with India, and "
        "afterwards it thoroughly overhauled its foreign policy.\n"
        "-# Challenges and Prospects · `pakistan-dismembered-1971`\n"
        "\n"
        "**1971** — In the 1971 war Moscow gave India its full military, diplomatic and "
        "economic backing.\n"
        "-# Challenges and Prospects · `soviet-backs-india-1971-war`\n"
        "-# Articles differ on this — `disputes moscow-past-support`\n"
        "\n"
        "**1971** — During the critical days of the 1971 India-Pakistan war, the US cut "
        "off supplies of arms and spare parts that Pakistan badly needed; the article "
        "says this in the end led to Pakistan's break-up.\n"
        "-# Challenges and Prospects · `us-halts-arms-supply-1971-war`\n"
        "\n"
        "**March 1972–October 1974** — Premier Zulfikar Ali Bhutto visited Moscow twice, "
        "in March 1972 and October 1974, and these trips improved Pakistan-Soviet "
        "relations.\n"
        "-# Challenges and Prospects · `bhutto-visits-moscow-1972-1974`\n"
        "\n"
        "**mid-1970s** — In the mid-1970s, Bhutto persuaded the Soviet government of the "
        "time to set up steel mills in Pakistan and invest billions of dollars.\n"
        "-# Sabah Aslam · `bhutto-soviet-steel-mills-mid-1970s`\n"
        "-# Articles differ on this — `disputes steel-mill-count`\n"
        "\n"
        "**mid-1970s** — In the mid-1970s, ties between Pakistan and the Soviet Union "
        "improved.\n"
        "-# Sabah Aslam · `pakistan-soviet-ties-improve-mid-1970s`\n"
        "-# Articles differ on this — `disputes cold-war-relations`"
    ),
    "footer": {
        "text": (
            "Sources: Challenges and Prospects, Sabah Aslam\n"
            "Events dated only to a decade or a range appear in every period they overlap.\n"
            "Page 1/2"
        ),
    },
    "color": BLURPLE,
    "type": "rich",
    "flags": 0,
}

# `!timeline 1970s` at the shipped page size of 8: the six events and the first two of the three
# disagreements they touch; the count of the third is on page 2.
TIMELINE_1970S_SHIPPED: JSON = {
    "title": "Timeline: 1970s",
    "description": (
        "6 events\n"
        "\n"
        "**1971** — Pakistan was broken up in 1971 at the end of the war with India, and "
        "afterwards it thoroughly overhauled its foreign policy.\n"
        "-# Challenges and Prospects · `pakistan-dismembered-1971`\n"
        "\n"
        "**1971** — In the 1971 war Moscow gave India its full military, diplomatic and "
        "economic backing.\n"
        "-# Challenges and Prospects · `soviet-backs-india-1971-war`\n"
        "-# Articles differ on this — `disputes moscow-past-support`\n"
        "\n"
        "**1971** — During the critical days of the 1971 India-Pakistan war, the US cut "
        "off supplies of arms and spare parts that Pakistan badly needed; the article "
        "says this in the end led to Pakistan's break-up.\n"
        "-# Challenges and Prospects · `us-halts-arms-supply-1971-war`\n"
        "\n"
        "**March 1972–October 1974** — Premier Zulfikar Ali Bhutto visited Moscow twice, "
        "in March 1972 and October 1974, and these trips improved Pakistan-Soviet "
        "relations.\n"
        "-# Challenges and Prospects · `bhutto-visits-moscow-1972-1974`\n"
        "\n"
        "**mid-1970s** — In the mid-1970s, Bhutto persuaded the Soviet government of the "
        "time to set up steel mills in Pakistan and invest billions of dollars.\n"
        "-# Sabah Aslam · `bhutto-soviet-steel-mills-mid-1970s`\n"
        "-# Articles differ on this — `disputes steel-mill-count`\n"
        "\n"
        "**mid-1970s** — In the mid-1970s, ties between Pakistan and the Soviet Union "
        "improved.\n"
        "-# Sabah Aslam · `pakistan-soviet-ties-improve-mid-1970s`\n"
        "-# Articles differ on this — `disputes cold-war-relations`\n"
        "\n"
        "__**Where the articles disagree**__\n"
        "Did Moscow stand by Pakistan in the past, or back India against it?\n"
        "-# Each article's view: `disputes moscow-past-support`\n"
        "\n"
        "Did the Soviet Union build one steel mill in Pakistan, or several?\n"
        "-# Each article's view: `disputes steel-mill-count`"
    ),
    "footer": {
        "text": (
            "Sources: Challenges and Prospects, Sabah Aslam\n"
            "Events dated only to a decade or a range appear in every period they overlap.\n"
            "Page 1/2"
        ),
    },
    "color": BLURPLE,
    "type": "rich",
    "flags": 0,
}

# `/interests party:russia`, page 1 of 2 at page size 6.
INTERESTS_RUSSIA: JSON = {
    "title": "Russia's interests",
    "description": (
        "11 interests\n"
        "\n"
        "Building a South Asian collective security platform would help Russia win back "
        "the lost glory of the former superpower.\n"
        "-# Zainab Abbasi · `russia-interest-revive-lost-glory`\n"
        "\n"
        "Russia worries that ISIS could build up its ranks and find safe havens in "
        "Afghanistan.\n"
        "-# Regional Peace And Connectivity · "
        "`russia-interest-isis-safe-havens-afghanistan`\n"
        "\n"
        "Fear that Central Asian fighters who joined ISIS could gain ground and "
        "destabilise Afghanistan has made Russia take more interest in South Asia.\n"
        "-# Regional Peace And Connectivity · "
        "`russia-interest-central-asian-isis-fighters`\n"
        "\n"
        "The Russian Ground Forces commander called Pakistan geo-strategically important "
        "and said Russia was willing to widen the two countries' existing "
        "military-to-military ties.\n"
        "-# Amna Tauhidi · `russia-interest-expand-military-cooperation`\n"
        "\n"
        "Russia's growing military hardware firms need new markets to keep up its "
        "economic standing, and Pakistan could be a buyer.\n"
        "-# Sabah Aslam · `russia-interest-arms-market`\n"
        "\n"
        "Seeing terrorism and extremism as a potential global threat, Russia is keen to "
        "work jointly with Pakistan to counter it.\n"
        "-# Sabah Aslam · `russia-interest-counter-terrorism`"
    ),
    "footer": {
        "text": (
            "Sources: Zainab Abbasi, Regional Peace And Connectivity, Amna Tauhidi, Sabah "
            "Aslam\n"
            "Page 1/2"
        ),
    },
    "color": BLURPLE,
    "type": "rich",
    "flags": 0,
}

# `/interests party:russia` at the shipped page size of 8, page 1 of 2.
INTERESTS_RUSSIA_SHIPPED: JSON = {
    "title": "Russia's interests",
    "description": (
        "11 interests\n"
        "\n"
        "Building a South Asian collective security platform would help Russia win back "
        "the lost glory of the former superpower.\n"
        "-# Zainab Abbasi · `russia-interest-revive-lost-glory`\n"
        "\n"
        "Russia worries that ISIS could build up its ranks and find safe havens in "
        "Afghanistan.\n"
        "-# Regional Peace And Connectivity · "
        "`russia-interest-isis-safe-havens-afghanistan`\n"
        "\n"
        "Fear that Central Asian fighters who joined ISIS could gain ground and "
        "destabilise Afghanistan has made Russia take more interest in South Asia.\n"
        "-# Regional Peace And Connectivity · "
        "`russia-interest-central-asian-isis-fighters`\n"
        "\n"
        "The Russian Ground Forces commander called Pakistan geo-strategically important "
        "and said Russia was willing to widen the two countries' existing "
        "military-to-military ties.\n"
        "-# Amna Tauhidi · `russia-interest-expand-military-cooperation`\n"
        "\n"
        "Russia's growing military hardware firms need new markets to keep up its "
        "economic standing, and Pakistan could be a buyer.\n"
        "-# Sabah Aslam · `russia-interest-arms-market`\n"
        "\n"
        "Seeing terrorism and extremism as a potential global threat, Russia is keen to "
        "work jointly with Pakistan to counter it.\n"
        "-# Sabah Aslam · `russia-interest-counter-terrorism`\n"
        "\n"
        "Russia wants to strengthen its influence in its near-abroad to curb the role of "
        "the EU and the US in the region.\n"
        "-# Sabah Aslam · `russia-interest-near-abroad-influence`\n"
        "\n"
        "Moscow wants to pursue a foreign policy in the region that runs in many "
        "directions at once.\n"
        "-# Sabah Aslam · `russia-interest-multi-vectored-policy`"
    ),
    "footer": {
        "text": (
            "Sources: Zainab Abbasi, Regional Peace And Connectivity, Amna Tauhidi, Sabah "
            "Aslam\n"
            "Page 1/2"
        ),
    },
    "color": BLURPLE,
    "type": "rich",
    "flags": 0,
}

# `!who bhuto`: Zulfikar Ali Bhutto's card and his facts.
WHO_BHUTO: JSON = {
    "title": "Zulfikar Ali Bhutto",
    "description": (
        "2 facts involve Zulfikar Ali Bhutto.\n"
        "\n"
        "__**Who**__\n"
        "Pakistan's premier after 1971, who visited Moscow in March 1972 and October "
        "1974; one article credits him with persuading the Soviets to build steel mills "
        "in the mid-1970s.\n"
        "-# Sabah Aslam · Challenges and Prospects · `zulfikar-ali-bhutto`\n"
        "\n"
        "__**Facts, by date**__\n"
        "**March 1972–October 1974** — Premier Zulfikar Ali Bhutto visited Moscow twice, "
        "in March 1972 and October 1974, and these trips improved Pakistan-Soviet "
        "relations.\n"
        "-# Challenges and Prospects · `bhutto-visits-moscow-1972-1974`\n"
        "\n"
        "**mid-1970s** — In the mid-1970s, Bhutto persuaded the Soviet government of the "
        "time to set up steel mills in Pakistan and invest billions of dollars.\n"
        "-# Sabah Aslam · `bhutto-soviet-steel-mills-mid-1970s`\n"
        "-# Articles differ on this — `disputes steel-mill-count`"
    ),
    "footer": {
        "text": "Sources: Sabah Aslam, Challenges and Prospects",
    },
    "color": BLURPLE,
    "type": "rich",
    "flags": 0,
}

# `!search tashkent`.
SEARCH_TASHKENT: JSON = {
    "title": "Search: tashkent",
    "description": (
        "**January 1966** — After the 1965 India-Pakistan war, Moscow brokered the "
        "Tashkent Declaration in January 1966, ending the war between the two countries.\n"
        "-# Challenges and Prospects · `tashkent-declaration-1966`\n"
        "\n"
        "Diplomats and analysts see Tashkent as a golden chance for Moscow to win "
        "Pakistan's goodwill by brokering a fair Kashmir settlement; the author judges "
        "that every side let it slip.\n"
        "-# Challenges and Prospects · `tashkent-lost-opportunity-kashmir`"
    ),
    "footer": {"text": "Sources: Challenges and Prospects"},
    "color": BLURPLE,
    "type": "rich",
    "flags": 0,
}

# `!what does russia want`: Russia's interests, saying how the question was read.
WHAT_DOES_RUSSIA_WANT: JSON = {
    "title": "Russia's interests",
    "description": (
        "11 interests\n"
        "\n"
        "Building a South Asian collective security platform would help Russia win back "
        "the lost glory of the former superpower.\n"
        "-# Zainab Abbasi · `russia-interest-revive-lost-glory`\n"
        "\n"
        "Russia worries that ISIS could build up its ranks and find safe havens in "
        "Afghanistan.\n"
        "-# Regional Peace And Connectivity · "
        "`russia-interest-isis-safe-havens-afghanistan`\n"
        "\n"
        "Fear that Central Asian fighters who joined ISIS could gain ground and "
        "destabilise Afghanistan has made Russia take more interest in South Asia.\n"
        "-# Regional Peace And Connectivity · "
        "`russia-interest-central-asian-isis-fighters`\n"
        "\n"
        "The Russian Ground Forces commander called Pakistan geo-strategically important "
        "and said Russia was willing to widen the two countries' existing "
        "military-to-military ties.\n"
        "-# Amna Tauhidi · `russia-interest-expand-military-cooperation`\n"
        "\n"
        "Russia's growing military hardware firms need new markets to keep up its "
        "economic standing, and Pakistan could be a buyer.\n"
        "-# Sabah Aslam · `russia-interest-arms-market`\n"
        "\n"
        "Seeing terrorism and extremism as a potential global threat, Russia is keen to "
        "work jointly with Pakistan to counter it.\n"
        "-# Sabah Aslam · `russia-interest-counter-terrorism`"
    ),
    "footer": {
        "text": (
            "Sources: Zainab Abbasi, Regional Peace And Connectivity, Amna Tauhidi, Sabah "
            "Aslam\n"
            "Read as interests russia.\n"
            "Page 1/2"
        ),
    },
    "color": BLURPLE,
    "type": "rich",
    "flags": 0,
}

# `/who person:khan`: several people match, each offered as a slash command to copy.
WHO_KHAN_AS_SLASH: JSON = {
    "title": "Several people match “khan”",
    "description": (
        "**Did you mean:** `/who person:Liaquat Ali Khan` · `/who person:Mohammad Ayub "
        "Khan` · `/who person:Yahya Khan`"
    ),
    "color": ORANGE,
    "type": "rich",
    "flags": 0,
}

# `!timeline` alone, page 2: what ▶ shows.
TIMELINE_OVERVIEW_PAGE_2: JSON = {
    "title": "Timeline overview",
    "description": (
        "**2000s** — 3 events — first: In 2002, in Musharraf's era, the two sides set up "
        "a joint working group on…\n"
        "\n"
        "**2010s** — 5 events — first: In 2011 Russia supported Pakistan's demand to "
        "become a full member of the Shanghai…"
    ),
    "footer": {
        "text": (
            "Pick a period: timeline 1970s, timeline 1965 to 1972, timeline cold war, or a "
            "word: timeline steel.\n"
            "Page 2/2"
        ),
    },
    "color": BLURPLE,
    "type": "rich",
    "flags": 0,
}
