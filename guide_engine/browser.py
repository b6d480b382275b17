"""The engine as the browser's worker calls it (docs/js/guide-worker.js): one JSON string in,
one JSON string out, so no Python object crosses into JavaScript. The protocol around it is in
CONTRIBUTING.md («The guide page and its engine»)."""
from __future__ import annotations

import json

from .api import evaluate
from .errors import GuideInputError


def run(guide_id: str, answers_json: str, lang: str = "nb") -> str:
    """One of three answers, as JSON:
    ``{"result": …}`` the result document;
    ``{"errors": […]}`` input the engine refuses, with its messages (shown at the questions);
    ``{"crash": "…"}`` anything else (a fault in the engine, not in the answers): the page says
    this answer could not be worked out and stays usable."""
    try:
        out = {"result": evaluate(guide_id, json.loads(answers_json), lang)}
    except GuideInputError as exc:
        out = exc.to_dict()
    except Exception as exc:  # noqa: BLE001 - whatever it is, the page must get an answer
        out = {"crash": f"{type(exc).__name__}: {exc}"}
    return json.dumps(out, ensure_ascii=False)
