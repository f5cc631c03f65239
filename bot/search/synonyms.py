"""Words questions use for what the articles say another way: `did … join` → `member`.

Questions put verbs in their plain form (`when did Musharraf visit`) while the articles narrate in
the past tense (`visited`), and ask about joining what the articles call membership. These are
weak expansions, like a theme's related words: they add a little and never outrank the word typed.
"""

from __future__ import annotations

SYNONYMS: dict[str, str] = {
    "join": "joined joining member membership",
    "joined": "join joining member membership",
    "member": "membership",
    "visit": "visited visiting",
    "go": "visited went",
    "went": "visited",
    "sign": "signed agreement",
    "signed": "sign agreement",
    "say": "said says",
    "said": "say says",
    "help": "helped support",
    "support": "supported backed",
    "back": "backed support supported",
    "want": "wanted interest",
    "sell": "market markets buyer supplier",
    "sells": "market markets buyer supplier",
    "buy": "buying buyer purchase",
    "meet": "met meeting",
    "start": "began started",
    "begin": "began started",
    "end": "ended",
    "fight": "war",
    "fought": "war",
    "agree": "agreed agreement",
    "premier": "prime minister",
    "mediate": "brokered mediated",
    "mediated": "brokered",
    "broker": "brokered mediated",
    "nuke": "nuclear",
    "nukes": "nuclear",
    "pm": "prime minister",
    "leader": "president prime minister premier",
    "leaders": "president prime minister premier",
    "sour": "worsened deteriorated strained setback stumbling",
    "soured": "worsened deteriorated strained setback stumbling",
    "worsen": "worsened deteriorated strained setback",
    "improve": "improved improving",
    "war": "wars",
    "wars": "war",
}
