"""Properties: no text crashes the parser, and every command survives a round trip."""

import shlex
import unicodedata

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from shared.commands import (
    COMMAND_NAMES,
    MAX_LENGTH,
    CommandError,
    Help,
    ListJobs,
    Move,
    Rescore,
    RescoreStatus,
    Search,
    ShowJob,
    TopCandidates,
    Upload,
    parse,
)
from shared.commands.values import JOB_STATUSES

# Text that stresses the lexer: quotes of every kind, colons, commas, odd spaces.
TRICKY = [
    *"\"'“”‘’„«»:,%-_ \t\n\u00a0\u200b<>@&!#",
    "job",
    "job:",
    "stage:",
    "limit:",
    "min:",
    "all",
    "help",
    "top",
    "tt",
    "<@U1>",
    "&amp;",
]
COMMAND_WORDS = [*COMMAND_NAMES, "top", "tc", "status", "TOP_CANDIDATES", "--help"]


def _token() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(max_size=12),
        st.lists(st.sampled_from(TRICKY), max_size=6).map("".join),
        st.integers(-5, 10**20).map(str),
        st.floats(allow_nan=True).map(str),
    )


command_like = st.tuples(
    st.sampled_from(COMMAND_WORDS),
    st.lists(st.tuples(_token(), st.sampled_from(["", ":", " "]), _token()), max_size=6),
).map(lambda t: " ".join([t[0], *(a + sep + b for a, sep, b in t[1])]))


@settings(max_examples=600)
@given(st.one_of(st.text(), command_like, st.lists(_token(), max_size=10).map(" ".join)))
@example("search “")
@example("top job:42 stage:'a")
@example("rescore job:1 candidates:" + ",".join(["1"] * 900))
@example("x" * (MAX_LENGTH + 1))
@example("job:")
@example(":")
@example("'")
def test_any_text_parses_or_raises_command_error(text):
    try:
        command = parse(text)
    except CommandError as error:
        message = str(error)
        assert message.strip()
        assert error.example is None or error.example.startswith("/tt ")
    else:
        assert command.name in COMMAND_NAMES


# Valid commands -------------------------------------------------------------------------


def _is_typed_safely(ch: str) -> bool:
    # Slack's escapes (<...>, &amp;) and invisible characters are not part of any value.
    return ch not in "<>&" and unicodedata.category(ch)[0] not in "CZ"


safe_char = st.characters(codec="utf-8").filter(_is_typed_safely)
word = st.text(safe_char, min_size=1, max_size=12)
ids = st.one_of(
    st.integers(1, 2**63 - 1),
    st.from_regex(r"[A-Za-z0-9_-]{1,64}", fullmatch=True).filter(
        lambda s: not s.lstrip("+-").isdigit()
    ),
)
scores = st.one_of(st.none(), st.floats(0, 100), st.integers(0, 100).map(float))
stages = st.one_of(
    st.none(),
    st.sampled_from(["SCREEN", "Phone Screen", "17", "all", "job:42", "it's", 'say "hi"']),
    st.lists(word, min_size=1, max_size=4).map(" ".join).filter(lambda s: len(s) <= 100),
)

# A link: a scheme, "://", then anything typed without spaces (quotes and colons too).
links = st.builds(
    "{}://{}".format,
    st.sampled_from(["https", "http", "ftp", "HTTPS"]),
    st.text(safe_char, min_size=1, max_size=40),
)

commands = st.one_of(
    st.builds(Help, topic=st.one_of(st.none(), st.sampled_from(COMMAND_NAMES))),
    st.builds(
        ListJobs,
        status=st.one_of(st.none(), st.sampled_from(JOB_STATUSES)),
        page=st.integers(1, 10**6),
    ),
    st.builds(ShowJob, job=ids),
    st.builds(
        TopCandidates,
        job=ids,
        limit=st.integers(1, 50),
        min_score=scores,
        stage=stages,
        include_rejected=st.booleans(),
    ),
    st.builds(
        Search,
        text=st.lists(
            st.one_of(word, st.sampled_from(["job", "min", "42", "help", "--help", "all"])),
            min_size=1,
            max_size=6,
        ).map(" ".join),
        job=st.one_of(st.none(), ids),
        min_score=scores,
        limit=st.integers(1, 50),
    ),
    st.builds(
        Rescore,
        job=ids,
        stage=stages,
        candidates=st.one_of(st.none(), st.lists(ids, min_size=1, max_size=8)),
    ),
    st.builds(
        RescoreStatus,
        rescore_id=st.one_of(
            st.from_regex(r"[A-Za-z0-9_-]{1,100}", fullmatch=True),
            st.sampled_from(["help", "-h", "id", "rescore-id", "42"]),
        ),
    ),
    st.builds(
        Move,
        job_candidate=st.one_of(ids, st.sampled_from(["stage", "help", "jc", "candidate"])),
        stage=stages.filter(lambda s: s is not None),
    ),
    st.builds(Upload, job=ids, urls=st.lists(links, min_size=1, max_size=5)),
)


@settings(max_examples=800)
@given(commands)
def test_to_text_parses_back_to_the_same_command(command):
    text = command.to_text()
    assume(len(text) <= MAX_LENGTH)
    assert parse(text) == command
    assert parse(f"/tt {text}") == command


@settings(max_examples=400)
@given(commands)
def test_cli_argv_joined_with_shlex_parses_to_the_same_command(command):
    # What a terminal does: the shell splits what was typed, tt joins argv with shlex.
    text = command.to_text()
    assume(len(text) <= MAX_LENGTH // 2)
    if isinstance(command, Search):
        # The shell strips the quotes that keep "job 42" a search phrase: not a CLI case.
        assume(not any(_reserved_in_search(w) for w in command.text.split(" ")))
    argv = shlex.split(text)
    assert parse(shlex.join(argv), prog="tt") == command


def _reserved_in_search(word: str) -> bool:
    return word.lower() in {"help", "--help", "-h", "?"} or word.lower().replace("-", "_") in {
        "job",
        "min",
        "min_score",
        "score",
        "limit",
    }


@given(st.lists(word, min_size=1, max_size=6))
def test_search_words_from_the_cli_arrive_intact(words):
    # `tt search <words...>`: any word without a colon is searched for as typed.
    assume(not any(":" in w or _reserved_in_search(w) for w in words))
    command = parse(shlex.join(["search", *words]), prog="tt")
    assert command == Search(text=" ".join(words))
