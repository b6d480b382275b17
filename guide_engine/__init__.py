"""Rule engine for the guides on cooperation around children (standard library only).

    from guide_engine import evaluate
    evaluate("barnekoordinator", {"venter_barn": "ja"})  # -> result document (a dict)

The same code runs in CPython >= 3.11 and in Pyodide in the browser.
"""
from .api import describe, evaluate, list_guides
from .errors import GuideDefinitionError, GuideInputError

__all__ = ["evaluate", "describe", "list_guides", "GuideInputError", "GuideDefinitionError"]
__version__ = "0.1.0"
