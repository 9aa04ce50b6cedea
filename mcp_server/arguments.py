"""Tool arguments: their types, and one sentence for each mistake a model can make.

Ids are checked here, before any request: a job title passed as `job_id` gets "job_id is
a number from list_jobs", not TapTalent's 404. Schemas stay single-typed (`integer`,
`string`), so every JSON-schema dialect a client speaks accepts them; the validators are
more lenient than the schema where a model is likely to slip (a numeric string for an id,
an integer stage id for `stage`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationError, WithJsonSchema

from shared.commands.values import ID_MAX, MAX_STAGE_LENGTH

# A string id as an older TapTalent page shows them: it must hold a digit, so that a job
# title or a name ("Backend", "Ada") is never mistaken for one.
_STRING_ID = re.compile(r"(?=[A-Za-z_-]*[0-9])[A-Za-z0-9_-]{1,64}")


def _id(argument: str, source: str) -> Callable[[object], int | str]:
    rule = f"{argument} is a number from {source}"

    def check(value: object) -> int | str:
        if isinstance(value, bool):
            raise ValueError(rule)
        if isinstance(value, int):
            if 1 <= value <= ID_MAX:
                return value
            raise ValueError(rule)
        text = value.strip() if isinstance(value, str) else ""
        if text.isdigit() and 1 <= int(text) <= ID_MAX:
            return int(text)
        if _STRING_ID.fullmatch(text) and not text.isdigit():
            return text
        raise ValueError(rule)

    return check


def check_id(value: object, argument: str, source: str) -> int | str:
    """An id as the tools take it; ValueError("<argument> is a number from <source>")."""
    return _id(argument, source)(value)


def _id_type(argument: str, source: str) -> Any:
    return Annotated[
        int | str,
        BeforeValidator(_id(argument, source)),
        WithJsonSchema({"type": "integer", "description": f"from {source}"}),
    ]


def _stage(value: object) -> str:
    """A stage type, name or id; `get_job` shows ids as integers, so those are welcome."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    text = " ".join(value.split()) if isinstance(value, str) else ""
    if not text or len(text) > MAX_STAGE_LENGTH:
        raise ValueError(
            "stage is a stage type like SCREEN, a stage name or a stage id from get_job"
        )
    return text


JobId = _id_type("job_id", "list_jobs")
JobCandidateId = _id_type("job_candidate_id", "top_candidates or search_candidates")
JobCandidateIds = Annotated[
    list[
        Annotated[
            int | str,
            BeforeValidator(_id("job_candidate_ids", "top_candidates or search_candidates")),
            WithJsonSchema({"type": "integer"}),
        ]
    ],
    Field(min_length=1, max_length=5000, description="only these job candidate ids"),
]
Stage = Annotated[
    str,
    BeforeValidator(_stage),
    WithJsonSchema(
        {"type": "string", "maxLength": MAX_STAGE_LENGTH, "description": "type, name or id"}
    ),
]

#: The longest `wait_seconds` a call may ask for (see tools/rescores.py).
MAX_WAIT_SECONDS = 30

#: Names models reach for, mapped to the parameters they may mean (the first one the tool
#: has is suggested).
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "count": ("limit",),
    "n": ("limit",),
    "top": ("limit",),
    "max": ("limit",),
    "size": ("per_page", "limit"),
    "page_size": ("per_page", "limit"),
    "job": ("job_id",),
    "jobid": ("job_id",),
    "id": ("job_candidate_id", "job_id", "rescore_id"),
    "candidate_id": ("job_candidate_id",),
    "candidate": ("job_candidate_id",),
    "query": ("text", "title"),
    "q": ("text", "title"),
    "words": ("text", "title"),
    "name": ("title", "text"),
    "min": ("min_score",),
    "score": ("min_score",),
    "wait": ("wait_seconds",),
    "timeout": ("wait_seconds",),
    "skip": ("offset",),
    "ids": ("job_candidate_ids",),
    "candidates": ("job_candidate_ids",),
    "stage_id": ("stage",),
    "to_stage": ("stage",),
}


def unknown_argument(tool: str, given: Mapping[str, Any], schema: dict[str, Any]) -> str | None:
    """The sentence refusing an argument `tool` does not take, or None when all are known."""
    known = list(schema.get("properties", {}))
    for name in given:
        if name in known:
            continue
        options = _SYNONYMS.get(name.lower().replace("-", "_"), ())
        meant = next((o for o in options if o in known), None)
        if meant is None:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            meant = close[0] if close else None
        instead = f"; did you mean {meant}?" if meant else "."
        return f"{tool} takes no argument {name}{instead} Its arguments: {', '.join(known)}."
    return None


def _allowed(prop: dict[str, Any]) -> str:
    """What a property accepts, in words, from its published schema."""
    if "enum" in prop:
        return "one of " + ", ".join(str(v) for v in prop["enum"])
    kind = prop.get("type")
    low, high = prop.get("minimum"), prop.get("maximum")
    span = f" from {low:g} to {high:g}" if low is not None and high is not None else ""
    if low is not None and high is None:
        span = f" of at least {low:g}"
    if kind == "integer":
        return f"a whole number{span}"
    if kind == "number":
        return f"a number{span}"
    if kind == "boolean":
        return "true or false"
    if kind == "array":
        most = prop.get("maxItems")
        return "a list of ids" + (f" (at most {most:,})" if most else "")
    most = prop.get("maxLength")
    return "text" + (f" of at most {most} characters" if most else "")


def argument_error(tool: str, error: ValidationError, schema: dict[str, Any]) -> str:
    """One sentence for the first problem in `error`: which argument, and what to pass."""
    first = error.errors()[0]
    name = str(first["loc"][0]) if first["loc"] else ""
    props: dict[str, Any] = schema.get("properties", {})
    prop = props.get(name, {})
    hint = f" ({prop['description']})" if prop.get("description") else ""
    if first["type"] == "missing":
        return f"{tool} needs {name}: {_allowed(prop)}{hint}."
    if first["type"] == "value_error":
        cause = first.get("ctx", {}).get("error")
        if isinstance(cause, ValueError) and str(cause).startswith(name):
            return f"{cause}."
    return f"{name} must be {_allowed(prop)}{hint}."
