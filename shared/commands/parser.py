"""`parse("top-candidates job:42 limit:5")` -> TopCandidates(job=42, limit=5).

Every failure is a CommandError whose message names the token, says what is allowed and
shows an example; nothing else escapes (the property tests hold us to that).
"""

from __future__ import annotations

import difflib
from typing import cast

from pydantic import ValidationError

from shared.commands import values
from shared.commands.errors import CommandError
from shared.commands.models import HELP_WORDS, AnyCommand, Help, resolve_command
from shared.commands.spec import COMMANDS, CommandSpec, Option
from shared.commands.text import (
    MAX_LENGTH,
    UPLOAD_MAX_LENGTH,
    Token,
    as_option,
    clean,
    quote,
    show,
    tokenize,
)

# People paste "/tt jobs" into "/tt", or type "tt jobs" in Slack: skip one leading prefix.
_PREFIX_WORDS = frozenset({"tt", "/tt"})


def parse(text: str, prog: str = "/tt") -> AnyCommand:
    """Parse command text (what follows `/tt`, or the CLI's argv joined with shlex).

    `prog` is the prefix shown in examples inside error messages ("/tt" for Slack,
    "tt" for the CLI). Empty text is a request for help.
    """
    limit = UPLOAD_MAX_LENGTH if _names_upload(text) else MAX_LENGTH
    if len(text) > limit:
        raise CommandError(
            f"That command is {len(text):,} characters long; the limit is {limit:,}.",
            example=f"{prog} search python developer",
        )
    tokens = tokenize(clean(text), prog)
    if tokens and _is_prefix(tokens[0], prog):
        tokens = tokens[1:]
    if not tokens:
        return Help()
    head, rest = tokens[0], tokens[1:]
    if head.key is not None:
        # `/tt job:42` reads as `/tt job 42`.
        name = resolve_command(head.key)
        if name is not None and (head.value or head.value_quoted):
            value = head.value or ""
            rest = [Token(raw=head.raw, text=value, quoted=head.value_quoted), *rest]
    else:
        name = resolve_command(head.text)
    if name is None:
        raise _unknown_command(head, prog)
    if name == Help.name:
        return _parse_help(rest, prog)
    return _Arguments(COMMANDS[name], prog).parse(rest)


def _names_upload(text: str) -> bool:
    """`upload` (after an optional prefix) carries up to 5,000 links: its own length limit."""
    words = text[:40].split(None, 2)[:2]
    return any(w.casefold() == "upload" for w in words)


def _is_prefix(token: Token, prog: str) -> bool:
    if not token.is_plain or token.quoted:
        return False
    return token.text.lower() in _PREFIX_WORDS | {prog.strip().lower()}


def _command_words() -> list[str]:
    return [w for spec in COMMANDS.values() for w in (spec.name, *spec.aliases) if w[0].isalpha()]


def _closest_command(word: str) -> str | None:
    match = difflib.get_close_matches(word.lower(), _command_words(), n=1, cutoff=0.6)
    return resolve_command(match[0]) if match else None


def _unknown_command(head: Token, prog: str) -> CommandError:
    word = head.key if head.key is not None else head.text
    suggestion = _closest_command(word)
    names = list(COMMANDS)
    message = f"Unknown command {show(head.raw)}."
    if suggestion:
        message += f' Did you mean "{suggestion}"?'
    message += " Commands: " + ", ".join(names) + "."
    example = COMMANDS[suggestion].examples[0] if suggestion else "help"
    return CommandError(message, token=head.raw, allowed=names, example=f"{prog} {example}")


def _parse_help(rest: list[Token], prog: str) -> Help:
    if not rest:
        return Help()
    token = rest[0]
    if len(rest) > 1:
        raise CommandError(
            f"Unexpected {show(rest[1].raw)}: help explains one command at a time.",
            token=rest[1].raw,
            example=f"{prog} help rescore",
        )
    word = token.key if token.key is not None else token.text
    name = resolve_command(word)
    if name is None:
        suggestion = _closest_command(word)
        message = f"No help for {show(token.raw)}: there is no such command."
        if suggestion:
            message += f' Did you mean "{suggestion}"?'
        message += " Commands: " + ", ".join(COMMANDS) + "."
        example = f"{prog} help {suggestion or 'top-candidates'}"
        raise CommandError(message, token=token.raw, allowed=list(COMMANDS), example=example)
    return Help(topic=name)


class _Arguments:
    """Reads the tokens after the command word against one command's spec."""

    def __init__(self, spec: CommandSpec, prog: str) -> None:
        self.spec = spec
        self.prog = prog
        self.values: dict[str, object] = {}
        self.sources: dict[str, str] = {}  # field -> the raw token(s) that set it
        self.words: list[str] = []
        # After an unquoted stage value, following plain words may continue the name:
        # `stage:Phone Screen` is what people type.
        self.stage_open = False

    def parse(self, tokens: list[Token]) -> AnyCommand:
        if self._asks_for_help(tokens):
            return Help(topic=self.spec.name)
        i = 0
        while i < len(tokens):
            i = self._step(tokens, i)
        return self._build()

    def _asks_for_help(self, tokens: list[Token]) -> bool:
        if len(tokens) != 1 or not tokens[0].is_plain or tokens[0].quoted:
            return False
        word = tokens[0].text.lower()
        # `/tt search help` searches for the word "help"; `--help` still shows help.
        return word in HELP_WORDS and not (self.spec.words and word == "help")

    def _step(self, tokens: list[Token], i: int) -> int:
        token = tokens[i]
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if not self.spec.words:
            spelled = as_option(token)
            if spelled is not None and spelled.key is not None and self.spec.option(spelled.key):
                token = spelled
        if token.key is not None:
            return i + self._keyed(token, tokens, i)
        if not token.quoted:
            option = self.spec.option(token.text)
            if option is not None and option.flag:
                self._set(option, "yes", token.raw)
                self.stage_open = False
                return i + 1
            if option is not None:
                if following is not None and self._takes_value(option, following):
                    self._set(option, following.text, f"{token.raw} {following.raw}")
                    self.stage_open = option.field == "stage" and not following.quoted
                    return i + 2
                if not self.spec.words:
                    raise self._needs_value(option, token.raw)
            if self.stage_open and self._continues_stage(token):
                stage = self.spec.option_for_field("stage")
                assert stage is not None
                raw = f"{self.sources['stage']} {token.raw}"
                self.values["stage"] = self._convert(
                    stage, f"{self.values['stage']} {token.text}", raw
                )
                self.sources["stage"] = raw
                return i + 1
        self.stage_open = False
        if self.spec.words:
            self.words.append(token.text)
            return i + 1
        positional = self._open_positional()
        if positional is not None and self._fits_positional(token):
            optional = not positional.required or positional.repeat
            if optional and self._suggest(token) and not _valid(positional, token):
                # `/tt jobs 2`: "did you mean page:2?" helps more than "bad status".
                raise self._unexpected(token)
            self._set(positional, token.text, token.raw)
            return i + 1
        raise self._unexpected(token)

    def _keyed(self, token: Token, tokens: list[Token], i: int) -> int:
        """A `key:value` token (maybe `key:` then the value as the next token)."""
        assert token.key is not None and token.value is not None
        self.stage_open = False
        option = self.spec.option(token.key)
        if option is None:
            raise self._unknown_option(token)
        if option.flag:
            self._set(option, token.value or "yes", token.raw)
            return 1
        value, raw, used, quoted = token.value, token.raw, 1, token.value_quoted
        if not value and not quoted:
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            if following is None or not following.is_plain:
                raise self._needs_value(option, token.raw)
            value, raw, used, quoted = (
                following.text,
                f"{token.raw} {following.raw}",
                2,
                following.quoted,
            )
        if option.list_value:
            # `candidates:1, 2, 3`: a trailing comma says the list goes on.
            while value.endswith(",") and i + used < len(tokens) and tokens[i + used].is_plain:
                value += tokens[i + used].text
                raw += f" {tokens[i + used].raw}"
                used += 1
        self._set(option, value, raw)
        self.stage_open = option.field == "stage" and not quoted
        return used

    def _takes_value(self, option: Option, following: Token) -> bool:
        """Does `key value` (two tokens) mean `key:value` here?"""
        if not following.is_plain:
            return False
        if self.spec.words:
            # In free text, "job openings" are words; "python job 42" names a job.
            return option.numeric and not following.quoted and values.is_number(following.text)
        return following.quoted or self.spec.option(following.text) is None

    def _open_positional(self) -> Option | None:
        field = self.spec.positional
        if field is None:
            return None
        option = self.spec.option_for_field(field)
        return None if option is None or (field in self.values and not option.repeat) else option

    def _fits_positional(self, token: Token) -> bool:
        if self.spec.positional_numbers_only:
            return not token.quoted and values.is_integer(token.text)
        return True

    def _continues_stage(self, token: Token) -> bool:
        # A number right after the stage may be the positional id (`move stage:X 7`).
        positional = self._open_positional()
        return positional is None or not values.is_integer(token.text)

    def _convert(self, option: Option, value: str, raw: str) -> object:
        try:
            return option.convert(value)
        except ValueError as error:
            raise CommandError(
                f"Bad value {show(raw)} for {self.spec.name}: {option.noun} must be {error}.",
                token=raw,
                example=self._example(option),
            ) from None

    def _set(self, option: Option, value: str, raw: str) -> None:
        converted = self._convert(option, value, raw)
        if option.repeat:
            collected = self.values.setdefault(option.field, [])
            assert isinstance(collected, list)
            collected.append(converted)
            return
        if option.field in self.values and self.values[option.field] != converted:
            raise CommandError(
                f"{option.noun.capitalize()} is given twice for {self.spec.name}: "
                f"{show(self.sources[option.field])} and {show(raw)}. Give it once.",
                token=raw,
                example=self._example(option),
            )
        self.values[option.field] = converted
        self.sources[option.field] = raw

    def _build(self) -> AnyCommand:
        if self.words:
            self.values["text"] = " ".join(self.words)
        for option in self.spec.options:
            if option.required and option.field not in self.values:
                raise CommandError(
                    f"{self.spec.name} needs {option.needs}.",
                    example=self._example(option),
                )
        try:
            return cast(AnyCommand, self.spec.model(**self.values))
        except ValidationError as error:  # the converters should have caught it first
            detail = error.errors()[0].get("msg", "invalid value")
            raise CommandError(
                f"{self.spec.name}: {detail}.", example=self._example(None)
            ) from None

    # Messages -----------------------------------------------------------------------

    def _example(self, option: Option | None, token: str | None = None) -> str:
        return f"{self.prog} {self.spec.example(option, token)}"

    def _options_list(self) -> str:
        return ", ".join(o.key for o in self.spec.keyed_options)

    def _unknown_option(self, token: Token) -> CommandError:
        assert token.key is not None
        words = {w: o for o in self.spec.keyed_options for w in o.words}
        close = difflib.get_close_matches(token.key, list(words), n=1, cutoff=0.6)
        suggestion = words[close[0]] if close else None
        message = f"Unknown option {show(token.raw)} for {self.spec.name}."
        example = self._example(None)
        if suggestion is not None:
            message += f" Did you mean {suggestion.key}?"
            example = self._example(suggestion, self._fixed(suggestion, token.value or ""))
        if self.spec.words:
            message += f" To search for it, put it in quotes: {show(token.text)}."
            example = f"{self.prog} {self.spec.name} {quote(token.text)}"
        message += f" Options: {self._options_list()}."
        allowed = [o.key for o in self.spec.keyed_options]
        return CommandError(message, token=token.raw, allowed=allowed, example=example)

    def _fixed(self, option: Option, value: str) -> str | None:
        """The person's value under the right key, when it is valid there."""
        try:
            option.convert(value)
        except ValueError:
            return None
        return self.spec.token_for(option, value if not option.flag else None)

    def _suggest(self, token: Token) -> Option | None:
        """An option not given yet that would accept this stray word as its value."""
        for option in self.spec.keyed_options:
            if option.flag or option.field in self.values:
                continue
            if _valid(option, token):
                return option
        return None

    def _needs_value(self, option: Option, raw: str) -> CommandError:
        return CommandError(
            f"{show(raw)} needs a value for {self.spec.name}, like {self.spec.token_for(option)}.",
            token=raw,
            example=self._example(option),
        )

    def _unexpected(self, token: Token) -> CommandError:
        message = f"Unexpected {show(token.raw)} for {self.spec.name}."
        field = self.spec.positional
        if field is not None and field in self.values and not self.spec.positional_numbers_only:
            option = self.spec.option_for_field(field)
            assert option is not None
            message += f" The {option.noun} is already {show(self.sources[field])}."
        example = self._example(None)
        option = self._suggest(token)
        if option is not None:
            message += f" Did you mean {option.key}:{token.text}?"
            example = self._example(option, f"{option.key}:{token.text}")
        message += f" Usage: {self.prog} {self.spec.usage}."
        return CommandError(message, token=token.raw, example=example)


def _valid(option: Option, token: Token) -> bool:
    try:
        option.convert(token.text)
    except ValueError:
        return False
    return True
