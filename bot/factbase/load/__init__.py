"""How a knowledge folder becomes a FactBase: find the files, parse, check, prove every fact.

Each step collects problems instead of stopping at the first, each naming its file and line,
so one `factbot check` lists everything an editor has to fix.
"""
