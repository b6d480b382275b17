"""The two ways things go wrong: bad input from a user or program, and a broken definition."""


class GuideInputError(ValueError):
    """Invalid input. Carries every problem found, as structured errors with Norwegian messages.

    ``errors`` is a list of ``{"field", "code", "message"}`` dicts: the same document the CLI
    prints (``{"errors": [...]}``) and the browser shows, so programs and people get one answer.
    The message names questions and answers by their words; where a program needs the ids it
    may send, they are in ``allowed``.
    """

    def __init__(self, errors: list[dict]):
        self.errors = errors
        super().__init__("; ".join(e["message"] for e in errors))

    def to_dict(self) -> dict:
        return {"errors": self.errors}


def input_error(field: str, code: str, message: str, allowed: list | None = None) -> dict:
    error = {"field": field, "code": code, "message": message}
    if allowed is not None:
        error["allowed"] = list(allowed)
    return error


class GuideDefinitionError(Exception):
    """A guide or law definition that cannot be used. The message names the file and the node."""

    def __init__(self, where: str, problem: str):
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}")


def check_keys(where: str, table, allowed: set, required: set) -> None:
    """A table of a definition (guide, composite, law registry) has only known keys and every
    required one; GuideDefinitionError naming ``where`` otherwise."""
    if not isinstance(table, dict):
        raise GuideDefinitionError(where, "skal være en tabell")
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise GuideDefinitionError(where, f"ukjent nøkkel: {', '.join(unknown)}")
    missing = sorted(required - set(table))
    if missing:
        raise GuideDefinitionError(where, f"mangler: {', '.join(missing)}")
