"""A guide as a graph (Graphviz DOT), generated from its definition, never drawn by hand.

`python3 -m guide_engine graph barnekoordinator | dot -Tsvg > veiviser.svg`
Questions are boxes, conditions ellipses, notes and next steps notes; an edge means «is read by».
"""
from __future__ import annotations

from . import logic
from .definitions import Guide


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(guide: Guide) -> str:
    lines = [f"digraph {_q(guide.id)} {{", "  rankdir=LR;", '  node [fontname="sans-serif"];']
    for q in guide.questions:
        lines.append(f"  {_q('q:' + q.id)} [shape=box, label={_q(q.text)}];")
        for fact in sorted(logic.facts_in(q.ask_when)) if q.ask_when else []:
            lines.append(f"  {_q('q:' + fact)} -> {_q('q:' + q.id)} [style=dashed, label=\"spør\"];")
    for cond in guide.conditions:
        lines.append(f"  {_q('c:' + cond.id)} [shape=ellipse, label={_q(cond.title)}];")
        for fact in sorted(cond.reads):
            lines.append(f"  {_q('q:' + fact)} -> {_q('c:' + cond.id)};")
        lines.append(f"  {_q('c:' + cond.id)} -> \"resultat\";")
    lines.append('  "resultat" [shape=doubleoctagon, label="Resultat"];')
    for kind, items in (("n", guide.notes), ("s", guide.next_steps)):
        for item in items:
            lines.append(f"  {_q(kind + ':' + item.id)} [shape=note, label={_q(item.id)}];")
            sources = {"resultat"} if logic.reads_result(item.when) else set()
            sources |= {"c:" + c for c in logic.conditions_in(item.when)}
            sources |= {"q:" + f for f in logic.facts_in(item.when)}
            for src in sorted(sources):
                lines.append(f"  {_q(src)} -> {_q(kind + ':' + item.id)};")
    lines.append("}")
    return "\n".join(lines) + "\n"

