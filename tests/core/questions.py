"""Thirty plain questions a student might ask, written from the articles before any tuning.

Each row is the question and the words the answer must show near the top (in its title or its
first three items): the fact the articles give in reply, in the articles' own terms.
"""

from __future__ import annotations

QUESTIONS: list[tuple[str, tuple[str, ...]]] = [
    ("when were diplomatic relations established between pakistan and the soviet union", ("1948",)),
    ("who was the first pakistani head of state to visit moscow", ("Ayub",)),
    ("when did ayub khan visit moscow", ("April 1965",)),
    ("what was the tashkent declaration", ("Tashkent", "1966")),
    ("who brokered the tashkent declaration", ("Tashkent", "Moscow")),
    ("when did kosygin visit pakistan", ("1968",)),
    ("what did yahya khan sign in moscow", ("helicopter",)),
    ("what did brezhnev propose", ("Collective Security",)),
    ("who built the steel mill in karachi", ("Karachi",)),
    ("how many times did bhutto visit moscow", ("1972", "1974")),
    ("why were relations cold in the 1990s", ("1990s", "internal")),
    ("which country first recognised russia as the successor of the soviet union", ("successor",)),
    ("when did nawaz sharif visit moscow", ("1999",)),
    ("when did musharraf visit russia", ("2003",)),
    ("when was the first joint military exercise", ("24 September 2016",)),
    ("what is peace mission 2018", ("Peace Mission",)),
    ("what is the trade volume between russia and pakistan", ("$600 million",)),
    ("why does russia want to sell weapons to pakistan", ("market",)),
    ("what can russia do about pakistan's energy shortage", ("energy",)),
    ("what is the north-south pipeline", ("Karachi", "Lahore")),
    ("could russia join cpec", ("CPEC",)),
    ("what did pakistan's defence minister say about the united states", ("zero-sum",)),
    ("what did kosygin say about pakistan", ("very good",)),
    ("what did the russian ground forces commander say", ("geo-strategically",)),
    ("did russia support pakistan's membership of the sco", ("2011",)),
    ("how did the indo-us nuclear deal affect relations", ("2005",)),
    ("how did 9/11 change russia's view of pakistan", ("9/11",)),
    ("who backed india on kashmir at the un", ("Kashmir",)),
    ("what did ayub khan say about the soviet union", ("next-door",)),
    ("why did relations improve in 2003", ("Musharraf",)),
]
