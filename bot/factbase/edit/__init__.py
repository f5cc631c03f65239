"""How an edit reaches the disk: guard, plan a line patch, re-check, log, replace, confirm.

Everything that changes a knowledge file lives in this folder and `writer.py` runs it in that
order, so one edit can be followed from chat command to fsync in one place. Line patches, not a
YAML round trip, so every byte an admin did not touch stays as they wrote it.
"""
