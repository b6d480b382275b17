"""The statuses and how each is worded: one home for the labels the result, the checklist, the
letter and the page use. A status says what the answers point to, never a ruling.
"""
from __future__ import annotations

OPPFYLT, IKKE_OPPFYLT, UAVKLART = "oppfylt", "ikke_oppfylt", "uavklart"
STATUSES = (OPPFYLT, IKKE_OPPFYLT, UAVKLART)  # what a condition, a right or a verdict can be
# The overall status of a guide that lists duties and routes rather than giving one verdict.
INFORMASJON = "informasjon"
RESULT_STATUSES = (*STATUSES, INFORMASJON)

# How a guide's overall status is made from its parts (declared in each guide's rules).
COMBINATIONS = ("all", "any", "informational")

# label: a condition's badge; verdict: the guide's overall answer; letter: the family's own view
# of a condition in its letter; in_sentence: inside a generated sentence (checklist, describe).
WORDING = {
    OPPFYLT: {"label": "Peker mot ja", "verdict": "Svarene peker mot ja",
              "letter": "ja", "in_sentence": "oppfylt"},
    IKKE_OPPFYLT: {"label": "Peker mot nei", "verdict": "Svarene peker mot nei",
                   "letter": "nei", "in_sentence": "ikke oppfylt"},
    UAVKLART: {"label": "Uklart", "verdict": "Svarene gir ikke et klart svar",
               "letter": "usikkert, kommunen må vurdere det", "in_sentence": "uavklart"},
    INFORMASJON: {"label": "Oversikt", "verdict": "Dette gjelder ut fra svarene",
                  "letter": "se oversikten", "in_sentence": "en oversikt"},
}


def wording(status: str) -> dict:
    return WORDING[status]

# The frame around every letter to the municipality; the guide gives subject, request and closing.
LETTER_FRAME = {
    "to": "Til",
    "to_default": "kommunen",
    "sources": "Lovgrunnlag",
    "conditions": "Slik ser vilkårene ut etter våre svar:",
    "signature": ["Navn: ______________________   Dato: ____________",
                  "Telefon eller e-post: ______________________"],
    "how": "Dere kan skrive ut brevet eller kopiere teksten. Skriv inn navn og dato selv.",
    # The family's own letter in a guide that joins others: what to ask for, and names typed in.
    "choose": "Kryss av for det dere vil be om. Dere kan også skrive inn navn. Det dere skriver, blir bare på denne enheten.",
    "choose_legend": "Dette vil vi be om",
    "child_label": "Barnets navn (kan stå tomt)",
    "name_label": "Ditt navn (kan stå tomt)",
    "about": "Gjelder",
    "greeting": "Hilsen",
}
