"""A guide as a graph (Graphviz DOT), generated from its definition, never drawn by hand.

`python3 -m guide_engine graph barnekoordinator | dot -Tsvg > veiviser.svg`
Questions are boxes, conditions ellipses, registry lists folders, notes and next steps notes; an
edge means «is read by».
"""
from __future__ import annotations

import textwrap

from .messages import table
from .model import Guide


def _quoted(text: str) -> str:
    """A DOT string: quotes and backslashes escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(guide: Guide) -> str:
    words = table(guide.lang)["graph"]  # the diagram's own words, in the guide's written form
    asks = _quoted(words["asks"])
    result = words["result"] if guide.combine != "informational" else words["overview"]
    lines = [f"digraph {_quoted(guide.id)} {{", "  rankdir=LR;", '  node [fontname="sans-serif", fontsize=11];',
             '  edge [color="#555555"];']
    for q in guide.questions:
        lines.append(f"  {_quoted('q:' + q.id)} [shape=box, label={_quoted(q.text)}];")
        for fact in sorted(q.ask_when.facts) if q.ask_when else []:
            lines.append(f"  {_quoted('q:' + fact)} -> {_quoted('q:' + q.id)} [style=dashed, label={asks}];")
    for cond in guide.conditions:
        lines.append(f"  {_quoted('c:' + cond.id)} [shape=ellipse, label={_quoted(cond.title)}];")
        for fact in sorted(cond.reads):
            lines.append(f"  {_quoted('q:' + fact)} -> {_quoted('c:' + cond.id)};")
        if guide.combine == "all":
            lines.append(f"  {_quoted('c:' + cond.id)} -> \"resultat\";")
    for lst in guide.lists:
        lines.append(f"  {_quoted('l:' + lst.id)} [shape=folder, label={_quoted(lst.title)}];")
        lines.append(f"  {_quoted('q:' + lst.source_fact)} -> {_quoted('l:' + lst.id)};")
        if lst.item_status:
            lines.append(f"  {_quoted('c:' + lst.item_status)} -> {_quoted('l:' + lst.id)};")
        if lst.id in guide.combine_from:
            lines.append(f"  {_quoted('l:' + lst.id)} -> \"resultat\";")
        for center in lst.centers:
            for fact in sorted(center.when.facts):
                lines.append(f"  {_quoted('q:' + fact)} -> {_quoted('l:' + lst.id)} [style=dotted];")
    lines.append(f'  "resultat" [shape=doubleoctagon, label={_quoted(result)}];')
    for kind, items in (("n", guide.notes), ("s", guide.next_steps)):
        for item in items:
            label = textwrap.shorten(item.text, 60, placeholder=" …")
            lines.append(f"  {_quoted(kind + ':' + item.id)} [shape=note, label={_quoted(label)}];")
            sources = {"resultat"} if item.when.reads_result else set()
            sources |= {"c:" + c for c in item.when.conditions}
            sources |= {"q:" + f for f in item.when.facts}
            for src in sorted(sources):
                lines.append(f"  {_quoted(src)} -> {_quoted(kind + ':' + item.id)};")
    lines.append("}")
    return "\n".join(lines) + "\n"
