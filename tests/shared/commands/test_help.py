"""Help text: every command, every option, examples that really work."""

import pytest

from shared.commands import COMMANDS, CommandError, Help, help_text, parse
from shared.commands.text import normalize_key


def test_overview_has_one_line_per_command_with_a_working_example():
    text = help_text(None)
    for name, spec in COMMANDS.items():
        lines = [line for line in text.splitlines() if line.startswith(f"• {spec.usage}:")]
        assert len(lines) == 1, name
        example = lines[0].split("Example: /tt ", 1)[1]
        assert type(parse(example)) is spec.model


@pytest.mark.parametrize("name", list(COMMANDS))
def test_command_help_shows_usage_options_and_two_examples(name):
    spec = COMMANDS[name]
    text = help_text(name)
    assert text.startswith(f"/tt {spec.usage}\n")
    assert spec.description in text
    for option in spec.options:
        assert option.summary in text
        if option.keyed and not option.flag:
            assert option.key in text
    examples = [line[2:] for line in text.splitlines() if line.startswith("• /tt ")]
    assert len(examples) == 2
    for example in examples:
        assert type(parse(example.removeprefix("/tt "))) is spec.model


def test_command_help_lists_allowed_values():
    assert "DRAFT, ACTIVE, CLOSED, ARCHIVED" in help_text("jobs")
    top = help_text("top-candidates")
    assert "1 to 50 (default 10)" in top
    assert "0 to 100" in top
    assert "also min_score, score" in top
    assert "Short names: /tt top, /tt tc" in top
    assert "up to 5,000" in help_text("rescore")
    assert "rescore_<job id>_<number>" in help_text("rescore-status")


def test_help_accepts_aliases_and_any_case():
    assert help_text("TOP") == help_text("top-candidates")
    assert help_text("status") != help_text("rescore-status")  # a job candidate's status
    assert help_text("rescore_status") == help_text("rescore-status")


def test_help_uses_the_callers_prefix():
    assert help_text("move", prog="tt").startswith("tt move <job candidate id>")
    assert "/tt" not in help_text(None, prog="tt")


def test_unknown_help_topic_is_a_command_error():
    with pytest.raises(CommandError, match='No help for "hire"'):
        help_text("hire")


def test_every_spec_example_parses_and_round_trips():
    for spec in COMMANDS.values():
        for example in spec.examples:
            command = parse(example)
            assert type(command) is spec.model
            assert parse(command.to_text()) == command


def test_models_know_every_bare_word_the_parser_treats_as_a_key():
    # to_text writes a value bare only when the parser will not read it as a key.
    for spec in COMMANDS.values():
        if spec.bare_positional or spec.words:
            keys = {w for option in spec.keyed_options for w in option.words}
            assert keys <= spec.model.keys, spec.name


def test_help_topic_is_validated_on_the_model_too():
    assert Help(topic="tc").topic == "top-candidates"
    with pytest.raises(ValueError):
        Help(topic="hire")
    assert normalize_key("Min-Score") == "min_score"
