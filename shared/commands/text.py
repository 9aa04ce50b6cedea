"""From raw Slack or terminal text to tokens, and back (quoting for `to_text`).

Slack hands us text that people typed on phones and Macs: smart quotes, non-breaking
spaces, user mentions, `&amp;` escapes. The CLI hands us argv joined with `shlex.join`.
Both must produce the same tokens, so the rules here are shell-like but forgiving:

- A quote opens only at the start of a token, right after `key:`, or right after another
  quoted part (how `shlex.join` writes `it's` as `'it'"'"'s'`). Elsewhere it is a plain
  character, so `O'Brien` needs no quoting.
- `"` closes at the next `"` (exactly like a shell). `'` and smart quotes close at the next
  matching quote that ends a word, so `'Don't panic'` keeps its apostrophe.
- A token that starts with a quote is always a plain word, never `key:value`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from shared.commands.errors import CommandError

MAX_LENGTH = 2_000
#: `upload` takes up to 5,000 links of up to 2,048 characters; typical links are ~100.
UPLOAD_MAX_LENGTH = 1_000_000

# Opening quote -> the characters that may close it. Phones and Macs send “…” and ‘…’;
# some keyboards send the same curly character on both sides.
_CLOSERS: dict[str, str] = {
    '"': '"',
    "'": "'",
    "“": "”“",
    "”": "”“",
    "„": "“”",
    "‘": "’‘",
    "’": "’‘",
    "«": "»",
    "»": "«",
}
QUOTE_CHARS = frozenset(_CLOSERS) | frozenset("".join(_CLOSERS.values()))

# Slack wraps mentions and links in angle brackets: <@U123|alice>, <#C1|general>,
# <!here>, <!subteam^S1>, <https://x.io|label>. Mentions carry no meaning for a command
# (people write "/tt @bot jobs" or the bot is mentioned in a thread), links keep their text.
_SLACK_MENTION = re.compile(r"<[@#!][^<>]*>")
_SLACK_LINK = re.compile(r"<((?:https?|mailto|tel):[^<>|]*)(?:\|([^<>]*))?>")
_KEY = re.compile(r"[A-Za-z][A-Za-z_-]{0,31}")


@dataclass(frozen=True)
class Token:
    raw: str  # as the person typed it (after Slack clean-up), for error messages
    text: str  # with quotes removed
    quoted: bool  # began with a quote: always a plain word
    key: str | None = None  # normalised key of a `key:value` token
    value: str | None = None
    value_quoted: bool = False  # `key:"..."`: the value was quoted

    @property
    def is_plain(self) -> bool:
        return self.key is None


def normalize_key(word: str) -> str:
    """Keys and command words ignore case, and `-` and `_` are the same."""
    return word.strip().lower().replace("-", "_")


def clean(text: str) -> str:
    """Undo Slack's encoding and make every kind of whitespace a plain space."""
    text = _SLACK_MENTION.sub(" ", text)
    text = _SLACK_LINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    out: list[str] = []
    for ch in text:
        if ch.isspace():
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs"):
            # Zero-width spaces, bidi marks, stray control characters: invisible, so drop.
            continue
        else:
            out.append(ch)
    return "".join(out)


def _find_close(text: str, start: int, opener: str) -> int | None:
    closers = _CLOSERS[opener]
    first: int | None = None
    for j in range(start, len(text)):
        if text[j] not in closers:
            continue
        if opener == '"':
            return j
        if first is None:
            first = j
        if j + 1 == len(text) or text[j + 1] == " " or text[j + 1] in QUOTE_CHARS:
            return j
    return first


def tokenize(text: str, prog: str = "/tt") -> list[Token]:
    """Split cleaned text into tokens. Raises CommandError for an unclosed quote."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == " ":
            i += 1
            continue
        start = i
        parts: list[str] = []
        quoted_start = value_quoted = saw_quote = after_close = False
        colon_at: int | None = None  # index of the key's colon in `text`
        colon_len: int | None = None  # length of the built text before that colon
        while i < n and text[i] != " ":
            ch = text[i]
            opens = ch in _CLOSERS and (
                i == start or after_close or (colon_at is not None and i == colon_at + 1)
            )
            if opens:
                end = _find_close(text, i + 1, ch)
                if end is None:
                    rest = text[start:].split(" ", 1)[0]
                    raise CommandError(
                        f"Unclosed quote in {show(rest)}: close it with a matching quote.",
                        token=rest,
                        example=f'{prog} top-candidates job:42 stage:"Phone Screen"',
                    )
                if i == start:
                    quoted_start = True
                if colon_at is not None and i == colon_at + 1:
                    value_quoted = True
                parts.append(text[i + 1 : end])
                saw_quote = after_close = True
                i = end + 1
                continue
            after_close = False
            if ch == ":" and colon_at is None and not saw_quote:
                colon_at = i
                colon_len = sum(len(p) for p in parts)
            parts.append(ch)
            i += 1
        word = "".join(parts)
        raw = text[start:i]
        tokens.append(_classify(raw, word, quoted_start, colon_len, value_quoted))
    return tokens


def _classify(
    raw: str, word: str, quoted: bool, colon_len: int | None, value_quoted: bool
) -> Token:
    if quoted or colon_len is None:
        return Token(raw=raw, text=word, quoted=quoted)
    key, value = word[:colon_len], word[colon_len + 1 :]
    # "https://..." is a word that happens to contain a colon, not an option.
    if not _KEY.fullmatch(key) or (value.startswith("//") and not value_quoted):
        return Token(raw=raw, text=word, quoted=False)
    return Token(
        raw=raw,
        text=word,
        quoted=False,
        key=normalize_key(key),
        value=value,
        value_quoted=value_quoted,
    )


def as_option(token: Token) -> Token | None:
    """A fully quoted `'stage:Phone Screen'` read as the option it spells.

    The CLI joins argv with shlex, so `tt move 7 stage:"Phone Screen"` arrives as
    `'stage:Phone Screen'`. Commands without free text have no other use for it.
    """
    if not token.quoted or ":" not in token.text:
        return None
    key, value = token.text.split(":", 1)
    if not _KEY.fullmatch(key):
        return None
    return Token(
        raw=token.raw,
        text=token.text,
        quoted=False,
        key=normalize_key(key),
        value=value,
        value_quoted=True,
    )


def show(token: str, limit: int = 40) -> str:
    """A token for an error message: quoted, and cut short if someone pasted an essay."""
    if len(token) > limit:
        token = token[: limit - 1] + "…"
    return f"'{token}'" if '"' in token else f'"{token}"'


def needs_quotes(word: str) -> bool:
    """Should this word be quoted to come back from `tokenize` (or a shell) unchanged?"""
    return (
        not word
        or word[0] in QUOTE_CHARS
        or ":" in word
        or word.startswith("//")
        or any(ch.isspace() or ch in "'\"\\" for ch in word)
    )


def quote(word: str) -> str:
    """Write a word so that `tokenize`, and a POSIX shell, read it back as one word.

    Shell-compatible so that text from `to_text` can be pasted into a terminal too.
    """
    if not needs_quotes(word):
        return word
    if '"' not in word and "\\" not in word:
        return f'"{word}"'
    if "'" not in word:
        return f"'{word}'"
    # Both quotes, or a backslash and a quote: the shell's way ('it'"'"'s'), read by
    # tokenize too.
    return "'" + word.replace("'", "'\"'\"'") + "'"
