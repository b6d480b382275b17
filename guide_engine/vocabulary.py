"""The statuses: one home for the values the result, the checklist, the letter and the page use.
A status says what the answers point to, never a ruling.
"""
from __future__ import annotations

OPPFYLT, IKKE_OPPFYLT, UAVKLART = "oppfylt", "ikke_oppfylt", "uavklart"
STATUSES = (OPPFYLT, IKKE_OPPFYLT, UAVKLART)  # what a condition, a right or a verdict can be
# The overall status of a guide that lists duties and routes rather than giving one verdict.
INFORMASJON = "informasjon"
RESULT_STATUSES = (*STATUSES, INFORMASJON)

# How a guide's overall status is made from its parts (declared in each guide's rules).
COMBINATIONS = ("all", "any", "informational")

# How each status is worded (label, verdict, letter, in_sentence) lives with the engine's other
# words in messages.<lang>.toml (messages.wording), one file per written form.
