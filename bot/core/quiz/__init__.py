"""Study mode: four-option questions built from one sourced fact each, and who answered what.

`kinds` makes a question of each kind from a fact (or refuses the fact), `pick` chooses facts
in a scope with a seeded random generator, and `pending` keeps the questions still open per
channel. Scores and review live in the usage database (`bot.usage.quizbook`).
"""
