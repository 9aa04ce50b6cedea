"""Help text, written from the command specs so it cannot drift from the parser."""

from __future__ import annotations

from shared.commands.errors import CommandError
from shared.commands.models import resolve_command
from shared.commands.spec import COMMANDS, CommandSpec, Option


def help_text(topic: str | None = None, prog: str = "/tt") -> str:
    """The overview of every command (topic None), or everything about one command.

    Aliases work (`help_text("top")`); an unknown topic raises CommandError.
    """
    if topic is None or not topic.strip():
        return _overview(prog)
    name = resolve_command(topic)
    if name is None:
        raise CommandError(
            f'No help for "{topic}": there is no such command. '
            "Commands: " + ", ".join(COMMANDS) + ".",
            token=topic,
            allowed=list(COMMANDS),
            example=f"{prog} help top-candidates",
        )
    return _command_help(COMMANDS[name], prog)


def _overview(prog: str) -> str:
    lines = [f"Commands: type {prog} <command>, with options as key:value in any order."]
    for spec in COMMANDS.values():
        example = max(spec.examples, key=len)
        lines.append(f"• {spec.usage}: {spec.summary}. Example: {prog} {example}")
    lines.append(
        'Values with spaces go in quotes: stage:"Phone Screen". '
        f"More about one command: {prog} help <command>"
    )
    return "\n".join(lines)


def _option_label(spec: CommandSpec, option: Option) -> str:
    if option.flag:
        return option.key
    if not option.keyed or (spec.bare_positional and option.field == spec.positional):
        return option.meta
    return f"{option.key}:{option.meta}"


def _command_help(spec: CommandSpec, prog: str) -> str:
    lines = [f"{prog} {spec.usage}", spec.description]
    if spec.options:
        lines.append("Options:")
        for option in spec.options:
            notes = []
            if option.required:
                notes.append("required")
            if option.aliases:
                notes.append("also " + ", ".join(option.aliases))
            extra = f" ({'; '.join(notes)})" if notes else ""
            lines.append(f"• {_option_label(spec, option)}{extra}: {option.summary}")
    lines.append("Examples:")
    lines.extend(f"• {prog} {example}" for example in spec.examples)
    if any(alias[0].isalpha() for alias in spec.aliases):
        short = ", ".join(f"{prog} {a}" for a in spec.aliases if a[0].isalpha())
        lines.append(f"Short names: {short}")
    return "\n".join(lines)
