"""What people type in Slack or the terminal, and what tt understands from it."""

import pytest

from shared.commands import (
    Help,
    ListJobs,
    Move,
    Rescore,
    RescoreStatus,
    Search,
    ShowJob,
    Status,
    TopCandidates,
    parse,
)

VALID = [
    # help
    ("", Help()),
    ("   \t\n", Help()),
    ("help", Help()),
    ("HELP", Help()),
    ("?", Help()),
    ("--help", Help()),
    ("help rescore", Help(topic="rescore")),
    ("help top", Help(topic="top-candidates")),
    ("help:move", Help(topic="move")),
    ("rescore help", Help(topic="rescore")),
    ("top-candidates --help", Help(topic="top-candidates")),
    ("job ?", Help(topic="job")),
    # jobs
    ("jobs", ListJobs()),
    ("jobs status:ACTIVE", ListJobs(status="ACTIVE")),
    ("jobs status:active page:2", ListJobs(status="ACTIVE", page=2)),
    ("JOBS PAGE:3 Status:Draft", ListJobs(status="DRAFT", page=3)),
    ("jobs closed", ListJobs(status="CLOSED")),
    ("jobs status archived", ListJobs(status="ARCHIVED")),
    ("jobs status: ACTIVE", ListJobs(status="ACTIVE")),
    # job
    ("job 42", ShowJob(job=42)),
    ("job:42", ShowJob(job=42)),
    ("job job:42", ShowJob(job=42)),
    ("Job 007", ShowJob(job=7)),
    ("job job_7Hx-2", ShowJob(job="job_7Hx-2")),
    # top-candidates
    ("top-candidates job:42", TopCandidates(job=42)),
    ("top-candidates job:42 limit:5", TopCandidates(job=42, limit=5)),
    (
        "top-candidates limit:5 min:70 job:42 stage:SCREEN all",
        TopCandidates(job=42, limit=5, min_score=70, stage="SCREEN", include_rejected=True),
    ),
    ("top job 42", TopCandidates(job=42)),
    ("tc 42", TopCandidates(job=42)),
    ("TOP_CANDIDATES JOB:42 MIN:72.5", TopCandidates(job=42, min_score=72.5)),
    ("top job:42 min_score:70", TopCandidates(job=42, min_score=70)),
    ("top job:42 score:70%", TopCandidates(job=42, min_score=70)),
    ("top job:42 min:0 limit:50", TopCandidates(job=42, min_score=0, limit=50)),
    ("top job:42 min:100", TopCandidates(job=42, min_score=100)),
    ("top job:42 all:no", TopCandidates(job=42)),
    ("top job:42 include-rejected", TopCandidates(job=42, include_rejected=True)),
    ('top job:42 stage:"Phone Screen"', TopCandidates(job=42, stage="Phone Screen")),
    ("top job:42 stage:“Phone Screen”", TopCandidates(job=42, stage="Phone Screen")),
    ("top job:42 stage:‘Phone Screen’", TopCandidates(job=42, stage="Phone Screen")),
    ("top job:42 stage:'Phone Screen'", TopCandidates(job=42, stage="Phone Screen")),
    ("top job:42 stage:Phone Screen", TopCandidates(job=42, stage="Phone Screen")),
    (
        "top job:42 stage:Phone Screen all",
        TopCandidates(job=42, stage="Phone Screen", include_rejected=True),
    ),
    ("top job:42 stage 17", TopCandidates(job=42, stage="17")),
    ("top job:42 job:42", TopCandidates(job=42)),
    # search
    ("search python", Search(text="python")),
    ("search react   native", Search(text="react native")),
    ('search "data engineer" job:42 min:60', Search(text="data engineer", job=42, min_score=60)),
    ("search python job 42", Search(text="python", job=42)),
    ("search job openings", Search(text="job openings")),
    ("search top 10 engineers limit 5", Search(text="top 10 engineers", limit=5)),
    ("search help", Search(text="help")),
    ("search 'job:42'", Search(text="job:42")),
    ("search it's O'Brien", Search(text="it's O'Brien")),
    ("search ‘Don’t panic’", Search(text="Don’t panic")),
    ("search 'Don't panic'", Search(text="Don't panic")),
    ("search https://linkedin.com/in/ada", Search(text="https://linkedin.com/in/ada")),
    ("search c++ min_score:55.5", Search(text="c++", min_score=55.5)),
    # rescore
    ("rescore job:42", Rescore(job=42)),
    ("rescore job:42 stage:SCREEN", Rescore(job=42, stage="SCREEN")),
    ("rescore job:42 candidates:1,2,3", Rescore(job=42, candidates=[1, 2, 3])),
    ("rescore job:42 candidates:3,1,3,2,1", Rescore(job=42, candidates=[3, 1, 2])),
    ("rescore job:42 candidates:1, 2, 3", Rescore(job=42, candidates=[1, 2, 3])),
    ('rescore job:42 candidates:"1, 2"', Rescore(job=42, candidates=[1, 2])),
    ("rescore candidates:a_1,b-2 job:x9", Rescore(job="x9", candidates=["a_1", "b-2"])),
    ("rescore job:42 ids:5", Rescore(job=42, candidates=[5])),
    ("rescore 42", Rescore(job=42)),
    # rescore-status
    (
        "rescore-status rescore_42_1718000000000",
        RescoreStatus(rescore_id="rescore_42_1718000000000"),
    ),
    ("rescore_status id:rescore_42_1", RescoreStatus(rescore_id="rescore_42_1")),
    ("rescore-status:rescore_42_1", RescoreStatus(rescore_id="rescore_42_1")),
    # status (a job candidate in every system)
    ("status 505706", Status(job_candidate=505706)),
    ("status jc:505706", Status(job_candidate=505706)),
    # move
    ("move 7 stage:SCREEN", Move(job_candidate=7, stage="SCREEN")),
    ("move stage:SCREEN 7", Move(job_candidate=7, stage="SCREEN")),
    ("move 7 stage:Phone Screen", Move(job_candidate=7, stage="Phone Screen")),
    ("move stage:Phone Screen 7", Move(job_candidate=7, stage="Phone Screen")),
    ("move candidate:jc_9 stage:12", Move(job_candidate="jc_9", stage="12")),
    ('move 7 stage "Phone Screen"', Move(job_candidate=7, stage="Phone Screen")),
    # what Slack and terminals do to text
    ("<@U024BE7LH> jobs", ListJobs()),
    ("jobs <@U024BE7LH|alice> status:active", ListJobs(status="ACTIVE")),
    ("top\u00a0job:42\tlimit:5\n", TopCandidates(job=42, limit=5)),
    ("top job:42\u200b limit:5", TopCandidates(job=42, limit=5)),
    ("search R&amp;D", Search(text="R&D")),
    ("search <https://x.io/a|x.io>", Search(text="x.io")),
    ("tt jobs", ListJobs()),
    ("/tt jobs", ListJobs()),
]


@pytest.mark.parametrize(("text", "expected"), VALID, ids=[t for t, _ in VALID])
def test_parses(text, expected):
    assert parse(text) == expected


def test_result_is_the_command_model_with_its_name():
    command = parse("top job:42")
    assert isinstance(command, TopCandidates)
    assert command.name == "top-candidates"
    assert type(command).name == TopCandidates.name


def test_cli_argv_joined_with_shlex_parses_the_same():
    import shlex

    argv = ["search", "it's", 'say "hi"', "job:42"]
    assert parse(shlex.join(argv), prog="tt") == Search(text='it\'s say "hi"', job=42)
    argv = ["move", "7", "stage:Phone Screen"]
    assert parse(shlex.join(argv), prog="tt") == Move(job_candidate=7, stage="Phone Screen")


def test_input_at_the_length_limit_is_accepted():
    text = "search " + "a" * (2000 - len("search "))
    assert isinstance(parse(text), Search)


def test_many_candidates_are_capped_only_beyond_5000():
    ids = ",".join(str(i) for i in range(1, 300))
    assert parse(f"rescore job:42 candidates:{ids}") == Rescore(
        job=42, candidates=list(range(1, 300))
    )
