"""Guides as data: load a guide's rules and texts and check them before anything uses them.

A guide is a folder ``guides/<id>/`` with ``rules.toml`` (questions, conditions, lists, notes,
next steps and letters: ids, types, expressions and sources) and ``texts.nb.toml`` (every word a
person reads, keyed by the same ids), with ``texts.nn.toml`` the same in nynorsk: the rules are
written once and only the texts differ. A definition that cannot work (an unknown key, a reference to a question that does not
exist, a value that is not an option, a source the law registry does not know, a rule without
its text or a text without its rule) raises GuideDefinitionError naming the guide and the node.

Whether every case, note and question can be reached, and whether a settled answer can be
overturned, is the exhaustive analysis in soundness.py: the build and the tests run it, the
browser does not.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import data_files, logic
from .errors import GuideDefinitionError, check_keys
from .laws import PROVIDES, Citation, cite, services_where
from .languages import languages
from .messages import ENGINE_LANGUAGES, naming_questions
from .model import (Case, Center, Condition, Flag, Guide, ItemCap, Letter, ListSources, NextStep, Note,
                    Question, RegistryList)
from .texts import lookup
from .types import TYPES
from .vocabulary import COMBINATIONS, INFORMASJON, STATUSES

AUDIENCES = ("familie", "tjenester", "alle")
ID = re.compile(r"[a-z][a-z0-9_]*$")

# «nav_after» (rules) and «nav_title» (texts): the guide's place and title in the site's navigation,
# read by the build (build_scripts/guide_nav.py); the engine itself does not use them.
_RULE_KEYS = {"id", "updated", "audience", "combine", "combine_from", "expressions", "questions",
              "conditions", "lists", "notes", "next_steps", "letters", "nav_after"}
_QUESTION_KEYS = {"id", "type", "ask_when"}  # and the keys of its type (types.py)
_CONDITION_KEYS = {"id", "sources", "cases", "duty"}
_CASE_KEYS = {"id", "when", "status"}
_NOTE_KEYS = {"id", "sources", "when", "guide", "sources_from_lists"}
_LIST_SOURCE_KEYS = {"list", "provides"}
_CAP_KEYS = {"services", "items", "when"}
_STEP_KEYS = {"id", "when"}
_LETTER_KEYS = {"id", "sources", "when"}
_LIST_KEYS = {"id", "from", "provides", "group", "view", "item_status", "item_caps", "flags", "centers"}
_CENTER_KEYS = {"id", "when"}
_LEAF_KEYS = {"condition": {"is"}, "answered": set(), "result": set(), "use": set()}

# «consent_form»: the texts of a printable consent form (build_scripts/consent_form.py reads them
# through guide_engine/texts.py); the engine itself does not use them.
_TEXT_KEYS = {"title", "intro", "disclaimer", "summary", "questions", "conditions", "lists", "notes",
              "next_steps", "letters", "consent_form", "duties_heading", "result_question", "expressions",
              "nav_title"}


def guide_ids() -> list[str]:
    """The single guides (a folder with rules.toml); composites join them (composite.py)."""
    return [g for g in data_files.folders("guides") if data_files.exists(f"guides/{g}", "rules.toml")]


@lru_cache(maxsize=None)
def load_guide(guide_id: str, lang: str = "nb") -> Guide:
    """Load and check one guide in a language it has (nb, nn, and en for some: languages.py);
    KeyError if there is no such guide or the guide is not in that language."""
    if guide_id not in guide_ids() or lang not in ENGINE_LANGUAGES:
        raise KeyError(guide_id if lang in ENGINE_LANGUAGES else lang)
    if lang not in languages(guide_id):
        raise KeyError(lang)
    texts = _toml(guide_id, f"texts.{lang}.toml")
    for other in languages(guide_id):  # a label said in one language only would make them differ
        theirs = _toml(guide_id, f"texts.{other}.toml").get("expressions", {})
        if other != lang and isinstance(theirs, dict) and set(theirs) != set(texts.get("expressions", {})):
            raise GuideDefinitionError(f"guide «{guide_id}» [expressions]",
                                       f"navnene må være de samme i texts.{lang}.toml og texts.{other}.toml")
    return parse_guide(guide_id, _toml(guide_id, "rules.toml"), texts, lang)


def _toml(guide_id: str, name: str) -> dict:
    try:
        return data_files.load(f"guides/{guide_id}", name)
    except ValueError as exc:  # TOML that does not parse
        raise GuideDefinitionError(f"guide «{guide_id}» {name}", f"ugyldig TOML: {exc}") from None
    except FileNotFoundError:
        raise GuideDefinitionError(f"guide «{guide_id}»", f"mangler filen {name}") from None


class _Checker:
    """Collects the context a node is checked in, so every message names guide and node."""

    def __init__(self, guide_id: str, texts: dict, lang: str):
        self.guide_id = guide_id
        self.texts = texts
        self.lang = lang
        self.used_texts: set = set()

    def fail(self, node: str, problem: str):
        raise GuideDefinitionError(f"guide «{self.guide_id}», {node}", problem)

    def keys(self, node: str, table, allowed: set, required: set) -> None:
        check_keys(f"guide «{self.guide_id}», {node}", table, allowed, required)

    def ident(self, node: str, value, seen: set) -> str:
        if not isinstance(value, str) or not ID.match(value):
            self.fail(node, f"ugyldig id «{value}» (små bokstaver, tall og _)")
        if value in seen:
            self.fail(node, f"id «{value}» står to ganger")
        seen.add(value)
        return value

    def text(self, node: str, *path, optional: bool = False) -> str | None:
        """The text at ``path`` in the texts file; a rule without its text is an error."""
        value = lookup(self.texts, path)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(node, f"mangler tekst {'.'.join(path)} i tekstfilen")
        self.used_texts.add(path)
        return value.strip()

    def sources(self, node: str, refs) -> tuple[Citation, ...]:
        if not isinstance(refs, list) or not refs:
            self.fail(node, "sources skal være en liste med minst én henvisning")
        out = []
        for ref in refs:
            try:
                citation = cite(ref)
            except KeyError as exc:
                self.fail(node, f"kilde: {exc.args[0]}")
            if citation.provision is None and citation.law.kind in ("lov", "forskrift"):
                self.fail(node, f"kilden «{ref}» må nevne en paragraf")
            out.append(citation)
        return tuple(out)

    def statuses(self, node: str, value, allowed=STATUSES) -> None:
        values = logic.as_list(value)
        bad = [v for v in values if v not in allowed]
        if bad or not values:
            self.fail(node, f"ukjent status {bad or values}")


class _Expressions:
    """Checks, normalises (named expressions inlined, registry selections resolved) and compiles."""

    def __init__(self, c: _Checker, named_raw: dict):
        self.c = c
        self.named_raw = named_raw
        self.named: dict = {}
        self.used: set = set()  # names some expression uses

    def expr(self, node: str, raw, questions: dict, conditions: set | None, may_use_outcome: bool,
             statuses=STATUSES) -> logic.Expr:
        spoken = self._norm(node, raw, questions, conditions, may_use_outcome, statuses, ())
        norm = logic.inline(spoken)
        return logic.compile_expr(norm, {q.id: q.type for q in questions.values()}, spoken)

    def _norm(self, node, e, questions, conditions, may_use_outcome, statuses, using):
        c = self.c
        if not isinstance(e, dict):
            c.fail(node, f"uttrykket {e!r} skal være en tabell")
        ops = [k for k in logic.OPERATORS if k in e]
        if len(ops) != 1:
            c.fail(node, f"uttrykket {e!r} skal ha nøyaktig én av {', '.join(logic.OPERATORS)}")
        op = ops[0]
        again = lambda sub: self._norm(node, sub, questions, conditions, may_use_outcome, statuses, using)  # noqa: E731
        if op in ("all", "any"):
            c.keys(node, e, {op}, {op})
            if not isinstance(e[op], list) or not e[op]:
                c.fail(node, f"«{op}» skal være en ikke-tom liste")
            return {op: [again(sub) for sub in e[op]]}
        if op == "not":
            c.keys(node, e, {"not"}, {"not"})
            return {"not": again(e["not"])}
        if op == "use":
            c.keys(node, e, {"use"}, {"use"})
            name = e["use"]
            if name not in self.named_raw:
                c.fail(node, f"ukjent navngitt uttrykk «{name}»")
            if name in using:
                c.fail(node, f"uttrykket «{name}» bruker seg selv")
            self.used.add(name)
            return {"use": name, "expr": self._norm(f"{node} (uttrykket «{name}»)", self.named_raw[name], questions,
                                                    conditions, may_use_outcome, statuses, (*using, name))}
        if op == "fact":
            return self._fact(node, e, questions)
        c.keys(node, e, {op} | _LEAF_KEYS[op], {op})
        if op in ("condition", "result") and not may_use_outcome:
            c.fail(node, f"«{op}» kan bare brukes i merknader, neste steg, brev og lister")
        if op == "result":
            c.statuses(node, e["result"], statuses)
        elif op == "condition":
            if e["condition"] not in conditions:
                c.fail(node, f"ukjent vilkår «{e['condition']}»")
            if "is" not in e:
                c.fail(node, "«condition» trenger «is»")
            c.statuses(node, e["is"])
        elif e["answered"] not in questions:
            c.fail(node, f"ukjent eller senere spørsmål «{e['answered']}»")
        return dict(e)

    def _fact(self, node, e, questions):
        c = self.c
        q = questions.get(e["fact"])
        if q is None:
            c.fail(node, f"ukjent eller senere spørsmål «{e['fact']}»")
        tests = [k for k in e if k != "fact"]
        if len(tests) != 1 or tests[0] not in q.type.tests:
            c.fail(node, f"«{q.id}» trenger nøyaktig én test av {', '.join(sorted(q.type.tests))}")
        test, arg = tests[0], e[tests[0]]
        if isinstance(arg, dict):  # a selection from the law registry, resolved here
            arg = self._select(node, arg)
        problem = q.type.check_test(q, test, arg)
        if problem:
            c.fail(node, problem)
        return {"fact": q.id, test: arg}

    def _select(self, node, sel):
        c = self.c
        c.keys(node, sel, {"provides", "levels"}, set())
        if len(sel) != 1:
            c.fail(node, "et utvalg fra lovregisteret har enten «provides» eller «levels»")
        try:
            return services_where(provides=sel.get("provides"), levels=sel.get("levels"))
        except KeyError as exc:
            c.fail(node, str(exc.args[0]))


def _question(c: _Checker, ex: _Expressions, i: int, raw, seen: set, earlier: dict) -> Question:
    node = f"questions[{i}] «{raw.get('id', '?')}»" if isinstance(raw, dict) else f"questions[{i}]"
    c.keys(node, raw, _QUESTION_KEYS.union(*(t.keys for t in TYPES.values())), {"id", "type"})
    qid = c.ident(node, raw["id"], seen)
    node = f"spørsmål «{qid}»"
    qtype = TYPES.get(raw["type"])
    if qtype is None:
        c.fail(node, f"ukjent type «{raw['type']}» ({', '.join(TYPES)})")
    fields = qtype.define(c, node, qid, raw)  # the type checks its own keys (options, min, max, …)
    ask_when = None
    if "ask_when" in raw:
        ask_when = ex.expr(f"{node} ask_when", raw["ask_when"], earlier, None, may_use_outcome=False)
    return Question(
        id=qid, text=c.text(node, "questions", qid, "text"), help=c.text(node, "questions", qid, "help"),
        type=qtype, **fields,
        unit=c.text(node, "questions", qid, "unit", optional=True), ask_when=ask_when,
        verify=c.text(node, "questions", qid, "verify", optional=True), lang=c.lang,
    )


def _condition(c, ex, i, raw, seen, questions) -> Condition:
    c.keys(f"conditions[{i}]", raw, _CONDITION_KEYS, _CONDITION_KEYS - {"duty"})
    if not isinstance(raw.get("duty", False), bool):
        c.fail(f"conditions[{i}]", "«duty» er true eller false")
    cid = c.ident(f"conditions[{i}]", raw["id"], seen)
    node = f"vilkår «{cid}»"
    cases, case_seen = [], set()
    for j, case in enumerate(raw["cases"]):
        c.keys(f"{node} cases[{j}]", case, _CASE_KEYS, _CASE_KEYS)
        kid = c.ident(f"{node} cases[{j}]", case["id"], case_seen)
        knode = f"{node} tilfelle «{kid}»"
        c.statuses(knode, case["status"])
        if isinstance(case["status"], list):
            c.fail(knode, "status skal være én status")
        cases.append(Case(kid, ex.expr(knode, case["when"], questions, None, may_use_outcome=False),
                          case["status"], c.text(knode, "conditions", cid, "cases", kid)))
    extra = sorted(set(c.texts.get("conditions", {}).get(cid, {}).get("cases", {})) - case_seen)
    if extra:
        c.fail(node, f"tekst for ukjent tilfelle: {', '.join(extra)}")
    reads = frozenset().union(*(k.when.facts for k in cases))
    otherwise = open_frame = c.text(node, "conditions", cid, "otherwise")
    if "{" in otherwise or "}" in otherwise:
        # «{open}»: the engine names the questions still open; the checklist, every one it reads.
        try:
            otherwise = naming_questions(open_frame, [q.text for q in questions.values() if q.id in reads], c.lang)
        except (KeyError, IndexError, ValueError):
            c.fail(node, "«otherwise» kan ha «{open}» og ingen andre klammer")
    else:
        open_frame = None
    return Condition(
        id=cid, title=c.text(node, "conditions", cid, "title"),
        about=c.text(node, "conditions", cid, "about"),
        sources=c.sources(node, raw["sources"]), cases=tuple(cases),
        otherwise=otherwise, reads=reads,
        duty=raw.get("duty", False), open_frame=open_frame,
    )


def _registry_list(c, ex, i, raw, seen, questions, conditions) -> RegistryList:
    from .laws import PROVIDES

    c.keys(f"lists[{i}]", raw, _LIST_KEYS, {"id", "from", "provides", "group", "view"})
    lid = c.ident(f"lists[{i}]", raw["id"], seen)
    node = f"liste «{lid}»"
    q = questions.get(raw["from"])
    if q is None or q.type.name != "set":
        c.fail(node, f"«from» skal være et flervalgsspørsmål, ikke «{raw['from']}»")
    for word in (raw["provides"], *raw.get("flags", [])):
        if word not in PROVIDES:
            c.fail(node, f"ukjent «provides» «{word}»")
    if raw["group"] not in ("provision", "service") or raw["view"] not in ("rights", "team"):
        c.fail(node, "«group» er «provision» eller «service», og «view» er «rights» eller «team»")
    if raw.get("item_status") is not None and raw["item_status"] not in conditions:
        c.fail(node, f"ukjent vilkår «{raw['item_status']}» i item_status")
    flags = tuple(Flag(w, c.text(node, "lists", lid, "flags", w, "yes"), c.text(node, "lists", lid, "flags", w, "no"))
                  for w in raw.get("flags", []))
    centers, center_seen = [], set()
    for j, center in enumerate(raw.get("centers", [])):
        c.keys(f"{node} centers[{j}]", center, _CENTER_KEYS, _CENTER_KEYS)
        cid = c.ident(f"{node} centers[{j}]", center["id"], center_seen)
        cnode = f"{node} midten «{cid}»"
        centers.append(Center(cid, c.text(cnode, "lists", lid, "centers", cid),
                              ex.expr(cnode, center["when"], questions, set(conditions), may_use_outcome=True)))
    caps = []
    for j, cap in enumerate(raw.get("item_caps", [])):
        cnode = f"{node} item_caps[{j}]"
        c.keys(cnode, cap, _CAP_KEYS, set())
        if raw.get("item_status") is None or raw["group"] != "provision" or ("services" in cap) == ("items" in cap):
            c.fail(cnode, "item_caps trenger item_status, group «provision» og enten «services» eller «items»")
        services_sel = frozenset(ex._select(cnode, cap["services"])) if "services" in cap else None
        items = None
        if "items" in cap:
            if not isinstance(cap["items"], list) or not cap["items"]:
                c.fail(cnode, "«items» skal være en liste med henvisninger")
            items = frozenset(f"{x.law.key} § {x.provision.section}" for x in c.sources(cnode, cap["items"]))
        when = ex.expr(cnode, cap["when"], questions, None, may_use_outcome=False) if "when" in cap else None
        caps.append(ItemCap(services_sel, items, when))
    return RegistryList(
        id=lid, title=c.text(node, "lists", lid, "title"), intro=c.text(node, "lists", lid, "intro"),
        empty=c.text(node, "lists", lid, "empty"), source_fact=q.id, provides=raw["provides"],
        group=raw["group"], view=raw["view"], item_status=raw.get("item_status"), flags=flags,
        centers=tuple(centers), item_caps=tuple(caps),
    )


def parse_guide(guide_id: str, rules: dict, texts: dict, lang: str = "nb") -> Guide:
    c = _Checker(guide_id, texts, lang)
    c.keys("rules.toml", rules, _RULE_KEYS, {"id", "updated", "audience", "combine", "questions"})
    c.keys("tekstfilen", texts, _TEXT_KEYS, {"title", "intro", "disclaimer", "summary"})
    if not hasattr(rules["updated"], "isoformat"):
        c.fail("updated", "skal være en dato, for eksempel 2026-11-23")
    if rules["id"] != guide_id:
        c.fail("id", f"«{rules['id']}» må være lik mappenavnet «{guide_id}»")
    if rules["audience"] not in AUDIENCES:
        c.fail("audience", f"skal være en av {', '.join(AUDIENCES)}")
    combine = rules["combine"]
    if combine not in COMBINATIONS:
        c.fail("combine", f"skal være en av {', '.join(COMBINATIONS)}")
    result_statuses = (INFORMASJON,) if combine == "informational" else STATUSES
    c.keys("summary", texts["summary"], {*result_statuses, "uavklart_ubesvart"}, set(result_statuses))

    named = rules.get("expressions", {})
    if not isinstance(named, dict) or any(not ID.match(k) for k in named):
        c.fail("expressions", "skal være en tabell med navn (små bokstaver, tall og _) og uttrykk")
    ex = _Expressions(c, named)

    seen: set = set()
    questions: dict[str, Question] = {}
    for i, raw in enumerate(rules["questions"]):
        q = _question(c, ex, i, raw, seen, dict(questions))
        questions[q.id] = q

    conditions: list[Condition] = []
    cond_seen: set = set()
    for i, raw in enumerate(rules.get("conditions", [])):
        conditions.append(_condition(c, ex, i, raw, cond_seen, questions))
    if combine in ("all", "any") and not conditions and not rules.get("combine_from"):
        c.fail("conditions", f"en veiviser med combine = «{combine}» trenger minst ett vilkår (eller combine_from)")

    lists, list_seen = [], set()
    for i, raw in enumerate(rules.get("lists", [])):
        lists.append(_registry_list(c, ex, i, raw, list_seen, questions, cond_seen))
    combine_from = tuple(rules.get("combine_from", ()))
    if combine == "any" and combine_from:
        if any(x not in list_seen for x in combine_from):
            c.fail("combine_from", "ukjent liste i «combine_from»")
        if any(lst.item_status is None for lst in lists if lst.id in combine_from):
            c.fail("combine_from", "listene i combine_from trenger «item_status»")
    elif combine_from:
        c.fail("combine_from", "brukes bare med status «any»")

    def shown_items(key: str, label: str, allowed: set, required: set, make):
        """Notes, next steps and letters: an id, texts, a «when» that may read the outcome."""
        items, item_seen = [], set()
        for i, raw in enumerate(rules.get(key, [])):
            c.keys(f"{key}[{i}]", raw, allowed, required)
            node = f"{label} «{c.ident(f'{key}[{i}]', raw['id'], item_seen)}»"
            when = ex.expr(node, raw["when"], questions, cond_seen, may_use_outcome=True, statuses=result_statuses)
            items.append(make(node, raw, when))
        return items

    def note(node, raw, when):
        if raw.get("guide") is not None and raw["guide"] not in guide_ids():
            c.fail(node, f"ukjent veiviser «{raw['guide']}»")
        from_lists = []
        for j, ls in enumerate(raw.get("sources_from_lists", [])):
            c.keys(f"{node} sources_from_lists[{j}]", ls, _LIST_SOURCE_KEYS, {"list"})
            if ls["list"] not in list_seen or ls.get("provides", "samarbeid") not in PROVIDES:
                c.fail(node, f"ukjent liste «{ls['list']}» eller «provides» i sources_from_lists")
            from_lists.append(ListSources(ls["list"], ls.get("provides")))
        # Sources of its own, or sources from the lists, or both: a note never cites nothing.
        own = c.sources(node, raw["sources"]) if raw.get("sources") or not from_lists else ()
        return Note(raw["id"], c.text(node, "notes", raw["id"], "text"), own, when,
                    c.text(node, "notes", raw["id"], "verify", optional=True), raw.get("guide"), tuple(from_lists))

    notes = shown_items("notes", "merknad", _NOTE_KEYS, {"id", "when"}, note)
    steps = shown_items("next_steps", "neste steg", _STEP_KEYS, _STEP_KEYS, lambda node, raw, when: NextStep(
        raw["id"], c.text(node, "next_steps", raw["id"], "text"), when))
    letters = shown_items("letters", "brev", _LETTER_KEYS, _LETTER_KEYS, lambda node, raw, when: Letter(
        raw["id"], *(c.text(node, "letters", raw["id"], k) for k in ("subject", "request", "closing")),
        c.sources(node, raw["sources"]), when))

    summary = {k: c.text(f"summary.{k}", "summary", k) for k in texts["summary"]}
    duties = [x for x in conditions if x.duty]
    if duties and combine in ("all", "any") and len(duties) == len(conditions) and not combine_from:
        c.fail("conditions", "plikter teller ikke med i status: veiviseren trenger minst ett vilkår som ikke er en plikt")
    duties_heading = c.text("duties_heading", "duties_heading") if duties else None
    if not duties and "duties_heading" in texts:
        c.fail("duties_heading", "veiviseren har ingen plikter (duty = true)")
    _check_no_orphan_texts(c, texts, questions, conditions, lists, notes, steps, letters)
    labels = _labels(c, texts.get("expressions", {}), named)
    return Guide(
        id=guide_id, title=c.text("title", "title"), updated=rules["updated"].isoformat(),
        audience=rules["audience"], intro=c.text("intro", "intro"), disclaimer=c.text("disclaimer", "disclaimer"),
        summary=summary, duties_heading=duties_heading,
        result_question=_result_question(c, texts.get("result_question"), questions),
        combine=combine, combine_from=combine_from,
        questions=tuple(questions.values()), conditions=tuple(conditions), lists=tuple(lists),
        notes=tuple(notes), next_steps=tuple(steps), letters=tuple(letters),
        by_id=dict(questions),
        # Only choices have «not known» answers (a set or a number is known once given).
        unknown_values={q.id: frozenset(o.value for o in q.options if o.unknown)
                        for q in questions.values() if any(o.unknown for o in q.options)},
        read_by_conditions=frozenset().union(*(cond.reads for cond in conditions)),
        lang=lang, labels=labels,
    )


def _labels(c: _Checker, raw, named: dict) -> dict:
    """The texts file's [expressions]: how a generated sentence says a named expression, e.g.
    barnet_under_18 = "barnet er under 18 år", or a table {yes = "…", no = "…"} that also says
    its negation (without «no», a negated name is spelled out with the negation inside it)."""
    if not isinstance(raw, dict):
        c.fail("tekstfilen [expressions]", "skal være en tabell med navn og tekster")
    extra = sorted(set(raw) - set(named))
    if extra:
        c.fail("tekstfilen [expressions]", f"tekst uten navngitt uttrykk i rules.toml: {', '.join(extra)}")
    labels = {}
    for name, value in raw.items():
        node = f"tekstfilen [expressions] «{name}»"
        if isinstance(value, str):
            labels[name] = (c.text(node, "expressions", name), None)
            continue
        c.keys(node, value, {"yes", "no"}, {"yes"})
        labels[name] = (c.text(node, "expressions", name, "yes"), c.text(node, "expressions", name, "no", optional=True))
    return labels


def _result_question(c: _Checker, raw, questions: dict) -> tuple | None:
    """The question the overall status answers, e.g. «Kan du dele dette med barnevernet?»: a text,
    or a table {default = …, <choice question> = {<value> = …}} worded after one answer.
    Returns (default, fact id or None, {value: text})."""
    if raw is None:
        return None
    if isinstance(raw, str):
        return (c.text("result_question", "result_question"), None, {})
    c.keys("result_question", raw, {"default", *questions}, {"default"})
    facts = [k for k in raw if k != "default"]
    if len(facts) > 1:
        c.fail("result_question", "kan bare variere med ett spørsmål")
    by: dict = {}
    if facts:
        q = questions[facts[0]]
        if q.type.name != "choice":
            c.fail("result_question", f"«{q.id}» er ikke et valgspørsmål")
        c.keys(f"result_question.{q.id}", raw[q.id], set(q.values), set(q.values) - set(q.values_unknown()))
        by = {v: c.text(f"result_question.{q.id}", "result_question", q.id, v) for v in raw[q.id]}
    return (c.text("result_question", "result_question", "default"), facts[0] if facts else None, by)


def _check_no_orphan_texts(c, texts, questions, conditions, lists, notes, steps, letters) -> None:
    """A text whose node does not exist is a mistake (a renamed id, a typo): say so."""
    known = {"questions": questions, "conditions": {x.id for x in conditions}, "lists": {x.id for x in lists},
             "notes": {x.id for x in notes}, "next_steps": {x.id for x in steps}, "letters": {x.id for x in letters}}
    for section, ids in known.items():
        extra = sorted(set(texts.get(section, {})) - set(ids))
        if extra:
            c.fail(f"tekstfilen [{section}]", f"tekst uten regel: {', '.join(extra)}")
