"""Every mistake gets one friendly sentence: what was wrong, what is allowed, an example."""

import pytest

from shared.commands import CommandError, parse

# (text, the token the message must name, something else the message must say)
ERRORS = [
    ("topp job:42", "topp", 'Did you mean "top-candidates"?'),
    ("hire 7", "hire", "Commands: help, jobs, job, top-candidates"),
    ("'jobs' please", "please", "DRAFT, ACTIVE, CLOSED, ARCHIVED"),
    ("top-candidates job:42 limt:5", "limt:5", "Options: job, limit, min, stage, all"),
    ("top job:42 colour:red", "colour:red", "Options: job, limit, min, stage, all"),
    ("top-candidates", "top-candidates needs a job", "job:<job id>"),
    ("top job:42 limit:0", "limit:0", "from 1 to 50"),
    ("top job:42 limit:51", "limit:51", "from 1 to 50"),
    ("top job:42 limit:five", "limit:five", "from 1 to 50"),
    ("top job:42 min:101", "min:101", "0 to 100"),
    ("top job:42 min:-1", "min:-1", "0 to 100"),
    ("top job:42 min:nan", "min:nan", "0 to 100"),
    ("top job:42 job:43", "job:43", "given twice"),
    ("top job:42 all:maybe", "all:maybe", "yes or no"),
    ("top job:0", "job:0", "positive number"),
    ("top job:-3", "job:-3", "positive number"),
    ("top job:a$b", "job:a$b", "TapTalent id"),
    ("top job:42 stage", '"stage" needs a value', "stage:SCREEN"),
    ("top job:42 stage:" + "x" * 101, "stage:xxx", "up to 100 characters"),
    ("top python", "python", "Did you mean job:python?"),
    ("jobs status:open", "status:open", "DRAFT, ACTIVE, CLOSED, ARCHIVED"),
    ("jobs open", "open", "DRAFT, ACTIVE, CLOSED, ARCHIVED"),
    ("jobs 2", '"2"', "Did you mean page:2?"),
    ("jobs page:0", "page:0", "1 or more"),
    ("jobs page:1.5", "page:1.5", "whole number"),
    ("job", "job needs a job id", "/tt job 42"),
    ("job 42 43", '"43"', "already"),
    ("search", "search needs some words", "/tt search"),
    ("search job:42", "search needs some words", "/tt search"),
    ("search python:3", "python:3", "put it in quotes"),
    ("search python limit:100", "limit:100", "from 1 to 50"),
    ("search python jobs:42", "jobs:42", "Did you mean job?"),
    ('search "rock star', "rock", "Unclosed quote"),
    ("search “rock star", "rock", "Unclosed quote"),
    ("rescore", "rescore needs a job", "/tt rescore job:42"),
    ("rescore job:42 candidates:", "candidates:", "needs a value"),
    ("rescore job:42 candidates:,", "candidates:,", "comma-separated"),
    ("rescore job:42 candidates:1,x!", "candidates:1,x!", '"x!" is not an id'),
    ("rescore job:42 candidates:1 stage:A stage:B", "stage:B", "given twice"),
    ("rescore-status", "needs a rescore id", "rescore_42_"),
    ("rescore-status bad!id", "bad!id", "rescore_42_1718000000000"),
    ("rescore-status " + "r" * 101, "rrr", "up to 100"),
    ("status rescore_42_1", "rescore_42_1", "use rescore-status <rescore id>"),
    ("move 7", "move needs a stage", "/tt move 7 stage:SCREEN"),
    ("move stage:SCREEN", "move needs a job candidate id", "/tt move 7 stage:SCREEN"),
    ("move 7 8 stage:X", '"8"', "already"),
    ("move 7 stage:SCREEN step:2", "step:2", "Options: candidate, stage"),
    ("help topp", "topp", 'Did you mean "top-candidates"?'),
    ("help rescore now", "now", "one command at a time"),
    ("x" * 2001, "2,001 characters", "limit is 2,000"),
]


@pytest.mark.parametrize(("text", "token", "says"), ERRORS, ids=[e[0][:30] for e in ERRORS])
def test_error_names_the_token_and_shows_an_example(text, token, says):
    with pytest.raises(CommandError) as caught:
        parse(text)
    message = str(caught.value)
    assert token in message
    assert says in message
    assert "Example: /tt " in message
    assert "\n" not in message  # one sentence-ish line, fit for a Slack ephemeral reply


def test_unknown_option_message_matches_the_documented_shape():
    with pytest.raises(CommandError) as caught:
        parse("top-candidates job:42 limt:5")
    error = caught.value
    assert str(error) == (
        'Unknown option "limt:5" for top-candidates. Did you mean limit? '
        "Options: job, limit, min, stage, all. Example: /tt top-candidates job:42 limit:5"
    )
    assert error.token == "limt:5"
    assert error.allowed == ("job", "limit", "min", "stage", "all")
    assert error.example == "/tt top-candidates job:42 limit:5"


def test_missing_job_message_matches_the_documented_shape():
    with pytest.raises(CommandError) as caught:
        parse("top-candidates limit:5")
    assert str(caught.value) == (
        "top-candidates needs a job (job:<job id>). Example: /tt top-candidates job:42"
    )


def test_examples_use_the_callers_prefix():
    with pytest.raises(CommandError) as caught:
        parse("top-candidates", prog="tt")
    assert str(caught.value).endswith("Example: tt top-candidates job:42")


def test_unknown_command_lists_commands_and_suggests_the_closest():
    with pytest.raises(CommandError) as caught:
        parse("rescor job:42")
    error = caught.value
    assert error.token == "rescor"
    assert 'Did you mean "rescore"?' in str(error)
    assert "rescore-status" in error.allowed
    assert error.example == "/tt rescore job:42"


def test_too_many_candidates_is_an_error():
    # The 2,000 character limit keeps typed lists short; the model guards the API path.
    from pydantic import ValidationError

    from shared.commands import Rescore

    with pytest.raises(ValidationError, match="at most 5,000"):
        Rescore(job=1, candidates=list(range(1, 5002)))
    assert len(Rescore(job=1, candidates=list(range(1, 5001))).candidates or []) == 5000


def test_command_error_is_a_value_error_with_parts():
    error = CommandError("Bad.", token="x", allowed=["a", "b"], example="/tt help")
    assert isinstance(error, ValueError)
    assert str(error) == "Bad. Example: /tt help"
    assert CommandError("Just this.").example is None
    assert str(CommandError("Just this.")) == "Just this."
