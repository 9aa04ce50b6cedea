"""What each command accepts: options, allowed values, examples.

The parser reads these to know what a token means and the help text is written from
them, so an option cannot be accepted without being documented, or the reverse.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from shared.commands import interview_values as iv_values
from shared.commands import values
from shared.commands.models import (
    Assess,
    Command,
    Help,
    Interview,
    InterviewStatus,
    Link,
    ListAssessments,
    ListJobs,
    Move,
    Push,
    Reject,
    Rescore,
    RescoreStatus,
    Search,
    ShowAssessment,
    ShowJob,
    Status,
    TopCandidates,
    Upload,
)
from shared.commands.text import normalize_key


@dataclass(frozen=True)
class Option:
    key: str  # what people type before the colon
    field: str  # the model field it fills
    convert: Callable[[str], object]  # raises ValueError("<what is allowed>")
    sample: str  # a valid value, for examples
    meta: str  # placeholder in help: "<job id>"
    summary: str  # one line for help: what it does and the allowed values
    label: str = ""  # noun for messages; defaults to the key
    needs: str = ""  # for "<command> needs ...", when required
    aliases: tuple[str, ...] = ()
    required: bool = False
    flag: bool = False  # `all` alone means yes
    keyed: bool = True  # False: only a bare word fills it (search words, help topic)
    numeric: bool = False  # in search text, `min 70` is an option only before a number
    list_value: bool = False  # `candidates:1, 2, 3`: a trailing comma continues the list
    repeat: bool = False  # a positional that takes every bare word (`upload`'s links)

    @property
    def noun(self) -> str:
        return self.label or self.key

    @property
    def words(self) -> frozenset[str]:
        return frozenset(normalize_key(w) for w in (self.key, *self.aliases))


@dataclass(frozen=True)
class CommandSpec:
    model: type[Command]
    usage: str  # without the prefix
    summary: str  # one line for the overview
    description: str
    options: tuple[Option, ...]
    examples: tuple[str, str]
    positional: str | None = None  # the field a bare word fills
    bare_positional: bool = False  # examples write the positional value bare (`job 42`)
    positional_numbers_only: bool = False  # `top 42`, but `top python` is an error
    words: bool = False  # bare words are free text (search)
    _by_word: dict[str, Option] = field(default_factory=dict, init=False, compare=False)

    def __post_init__(self) -> None:
        for option in self.options:
            if option.keyed:
                for word in option.words:
                    self._by_word[word] = option

    @property
    def name(self) -> str:
        return self.model.name

    @property
    def aliases(self) -> tuple[str, ...]:
        return self.model.aliases

    @property
    def keyed_options(self) -> tuple[Option, ...]:
        return tuple(o for o in self.options if o.keyed)

    def option(self, word: str) -> Option | None:
        return self._by_word.get(normalize_key(word))

    def option_for_field(self, name: str) -> Option | None:
        return next((o for o in self.options if o.field == name), None)

    def token_for(self, option: Option, value: str | None = None) -> str:
        sample = option.sample if value is None else value
        if option.flag:
            return option.key
        if not option.keyed or (self.bare_positional and option.field == self.positional):
            return sample
        return f"{option.key}:{sample}"

    def example(self, option: Option | None = None, token: str | None = None) -> str:
        """The shortest valid command showing `option` (with `token` as typed, if given)."""
        if option is None:
            return self.examples[0]
        parts = [self.name]
        for other in self.options:
            if other is option:
                parts.append(token or self.token_for(other))
            elif other.required:
                parts.append(self.token_for(other))
        return " ".join(parts)


JOB_HELP = "the job: its id, a number like 42"

_job = Option(
    key="job",
    field="job",
    convert=values.to_id,
    sample="42",
    meta="<job id>",
    summary=JOB_HELP,
    needs="a job (job:<job id>)",
    required=True,
)
_limit = Option(
    key="limit",
    field="limit",
    convert=values.to_limit,
    sample="5",
    meta="<n>",
    summary=f"how many to show, 1 to {values.LIMIT_MAX} (default 10)",
    numeric=True,
)
_min = Option(
    key="min",
    field="min_score",
    convert=values.to_score,
    sample="70",
    meta="<score>",
    summary="only candidates scoring at least this: 0 to 100, decimals allowed (72.5)",
    aliases=("min_score", "score"),
    numeric=True,
)
_stage_filter = Option(
    key="stage",
    field="stage",
    convert=values.to_stage,
    sample="SCREEN",
    meta="<stage>",
    summary=(
        "only candidates in this stage: a stage type (SCREEN, SHORTLISTED, ...), "
        'a stage name ("Phone Screen", quoted when it has spaces) or a stage id'
    ),
)

HELP_SPEC = CommandSpec(
    model=Help,
    usage="help [command]",
    summary="list the commands, or explain one",
    description="Lists every command, or explains one command: its options and examples.",
    options=(
        Option(
            key="command",
            field="topic",
            convert=str,
            sample="rescore",
            meta="[command]",
            summary="the command to explain, like rescore",
            keyed=False,
        ),
    ),
    examples=("help", "help top-candidates"),
    positional="topic",
)

JOBS_SPEC = CommandSpec(
    model=ListJobs,
    usage="jobs [status:ACTIVE] [page:2]",
    summary="list jobs",
    description="Lists your company's jobs, newest first.",
    options=(
        Option(
            key="status",
            field="status",
            convert=values.to_status,
            sample="ACTIVE",
            meta="<status>",
            summary="only jobs with this status: "
            + ", ".join(values.JOB_STATUSES)
            + " (any case; also works bare: /tt jobs active)",
        ),
        Option(
            key="page",
            field="page",
            convert=values.to_page,
            sample="2",
            meta="<n>",
            summary="which page of the list: 1 or more (default 1)",
        ),
    ),
    examples=("jobs", "jobs status:ACTIVE page:2"),
    positional="status",
)

JOB_SPEC = CommandSpec(
    model=ShowJob,
    usage="job <job id>",
    summary="show one job",
    description=(
        "Shows one job: status, location, its pipeline stages with candidate counts, "
        "and the criteria candidates are scored against."
    ),
    options=(
        Option(
            key="job",
            field="job",
            convert=values.to_id,
            sample="42",
            meta="<job id>",
            summary=JOB_HELP + " (job 42 and job:42 both work)",
            label="job id",
            needs="a job id",
            required=True,
        ),
    ),
    examples=("job 42", "job:42"),
    positional="job",
    bare_positional=True,
)

TOP_SPEC = CommandSpec(
    model=TopCandidates,
    usage="top-candidates job:<job id> [limit:10] [min:70] [stage:<stage>] [all]",
    summary="a job's best-scoring candidates",
    description=(
        "Shows the job's candidates with the highest match scores, best first. Candidates "
        "not scored yet are left out, and so are rejected ones unless you add `all`."
    ),
    options=(
        _job,
        _limit,
        _min,
        _stage_filter,
        Option(
            key="all",
            field="include_rejected",
            convert=values.to_flag,
            sample="yes",
            meta="",
            summary="include rejected candidates too",
            aliases=("include_rejected", "rejected"),
            flag=True,
        ),
    ),
    examples=("top-candidates job:42", 'top job:42 limit:5 min:70 stage:"Phone Screen" all'),
    positional="job",
    positional_numbers_only=True,
)

SEARCH_SPEC = CommandSpec(
    model=Search,
    usage="search <words> [job:<job id>] [min:70] [limit:10]",
    summary="find candidates by words",
    description=(
        "Finds candidates whose name, title, company or skills match your words, in all "
        "jobs or in one. Put words that contain a colon in quotes."
    ),
    options=(
        Option(
            key="words",
            field="text",
            convert=values.to_words,
            sample="python developer",
            meta="<words>",
            summary="what to look for, like: react native",
            label="search words",
            needs="some words to look for",
            required=True,
            keyed=False,
        ),
        Option(
            key="job",
            field="job",
            convert=values.to_id,
            sample="42",
            meta="<job id>",
            summary="only candidates of this job, like 42",
            numeric=True,
        ),
        _min,
        _limit,
    ),
    examples=("search react native", 'search "data engineer" job:42 min:60'),
    words=True,
)

RESCORE_SPEC = CommandSpec(
    model=Rescore,
    usage="rescore job:<job id> [stage:<stage>] [candidates:<id>,<id>,...]",
    summary="score a job's candidates again",
    description=(
        "Scores the job's candidates again against its current criteria. It uses scoring "
        "credits and asks you to confirm; you get a message when the new scores are in."
    ),
    options=(
        _job,
        _stage_filter,
        Option(
            key="candidates",
            field="candidates",
            convert=values.to_id_list,
            sample="101,102",
            meta="<ids>",
            summary=(
                "only these job candidates: ids separated by commas, up to "
                f"{values.MAX_CANDIDATES:,} (repeats are dropped)"
            ),
            aliases=("ids", "candidate_ids"),
            list_value=True,
        ),
    ),
    examples=("rescore job:42", "rescore job:42 candidates:101,102"),
    positional="job",
    positional_numbers_only=True,
)

STATUS_SPEC = CommandSpec(
    model=RescoreStatus,
    usage="rescore-status <rescore id>",
    summary="check on a rescore",
    description="Shows how far a rescore has got: queued, completed or failed, with counts.",
    options=(
        Option(
            key="id",
            field="rescore_id",
            convert=values.to_rescore_id,
            sample="rescore_42_1718000000000",
            meta="<rescore id>",
            summary="the id the rescore reply gave you; it looks like rescore_<job id>_<number>",
            label="rescore id",
            needs="a rescore id (the rescore reply shows it, like rescore_42_1718000000000)",
            aliases=("rescore_id",),
            required=True,
        ),
    ),
    examples=("rescore-status rescore_42_1718000000000", "rescore-status id:rescore_42_1"),
    positional="rescore_id",
    bare_positional=True,
)

MOVE_SPEC = CommandSpec(
    model=Move,
    usage="move <job candidate id> stage:<name|type|id>",
    summary="move a candidate to another stage",
    description=(
        "Moves a candidate to another stage of the job's pipeline. It asks you to confirm. "
        "A job candidate id names one candidate in one job (top-candidates shows it)."
    ),
    options=(
        Option(
            key="candidate",
            field="job_candidate",
            convert=values.to_id,
            sample="7",
            meta="<job candidate id>",
            summary="the job candidate to move, like 7 (candidate:7 also works)",
            label="job candidate id",
            needs="a job candidate id",
            aliases=("jc", "job_candidate"),
            required=True,
        ),
        Option(
            key="stage",
            field="stage",
            convert=values.to_stage,
            sample="SCREEN",
            meta="<stage>",
            summary=(
                'where to: a stage name ("Phone Screen", quoted when it has spaces), '
                "a stage type (SCREEN) or a stage id"
            ),
            needs="a stage (stage:<name, type or id>)",
            required=True,
        ),
    ),
    examples=("move 7 stage:SCREEN", 'move 7 stage:"Phone Screen"'),
    positional="job_candidate",
    bare_positional=True,
)

_jc_option = Option(
    key="candidate",
    field="job_candidate",
    convert=values.to_id,
    sample="7",
    meta="<job candidate id>",
    summary="the job candidate, like 7 (candidate:7 also works)",
    label="job candidate id",
    needs="a job candidate id",
    aliases=("jc", "job_candidate"),
    required=True,
)

LINK_SPEC = CommandSpec(
    model=Link,
    usage=(
        "link job:<job id> [ats:<ATS job id>] [instaview:<job id>] [talynce:<job id>] [mirror:on]"
    ),
    summary="link a job to its job in the ATS, InstaView or Talynce",
    description=(
        "Links a TapTalent job to its job in the customer's ATS (through Kombo), in "
        "InstaView (AI interviews) and in Talynce, so candidates can be sent there; give "
        "one or several. Each id is checked first, and nothing is linked if one is wrong. "
        "Without ids, lists the open ATS jobs and the InstaView jobs whose names match, to "
        "pick from (Talynce lists no jobs: take the id from the job's page in Talynce). "
        "With mirror:on, moving a pushed candidate in tt moves their ATS application too."
    ),
    options=(
        _job,
        Option(
            key="ats",
            field="ats",
            convert=values.to_ats_id,
            sample="KJ0001",
            meta="<ATS job id>",
            summary="the ATS job's id, as `link job:<id>` lists it",
            label="ATS job id",
        ),
        Option(
            key="instaview",
            field="instaview",
            convert=values.to_system_job_id,
            sample="ec45fdb1-e748-5d1a-b9e5-06f965135897",
            meta="<InstaView job id>",
            summary="the InstaView job's id, as `link job:<id>` lists it",
            label="InstaView job id",
        ),
        Option(
            key="talynce",
            field="talynce",
            convert=values.to_system_job_id,
            sample="550e8400-e29b-41d4-a716-446655440000",
            meta="<Talynce job id>",
            summary="the Talynce job's id (a UUID, from the job's page in Talynce)",
            label="Talynce job id",
        ),
        Option(
            key="mirror",
            field="mirror",
            convert=values.to_flag,
            sample="on",
            meta="on|off",
            summary="mirror moves into the ATS (on or off; off by default)",
            flag=True,
        ),
    ),
    examples=("link job:42", "link job:42 ats:KJ0001 mirror:on"),
)


class _PushSpec(CommandSpec):
    """Push needs a job candidate id or top:N, which no single required option says."""

    def example(self, option: Option | None = None, token: str | None = None) -> str:
        if option is not None and option.field == "to":
            return f"push 7 {token or 'to:ats'}"
        if option is not None and option.field in ("top", "job"):
            return "push top:5 job:42 to:ats"
        return super().example(option, token)


PUSH_SPEC = _PushSpec(
    model=Push,
    usage="push <job candidate id>|top:<n> job:<job id> to:ats|talynce",
    summary="send candidates to the ATS or Talynce with their TapTalent score",
    description=(
        "to:ats creates the candidate's application on the linked ATS job (or finds it), "
        "attaches the TapTalent score and adds the AI summary as a note. to:talynce creates "
        "the candidate in Talynce (or matches them by e-mail) and applies them to the linked "
        "Talynce job with the score and summary in the notes; CTC goes in LPA only when "
        "TapTalent's figure is INR per year. Pushing again sends nothing and says what "
        "happened. It asks you to confirm. Link the job first (link job:<id>)."
    ),
    options=(
        replace(_jc_option, required=False, summary="the job candidate to push, like 7"),
        Option(
            key="top",
            field="top",
            convert=values.to_top,
            sample="5",
            meta="<n>",
            summary="push the job's top n candidates instead (1 to 50; give job: too)",
            numeric=True,
        ),
        replace(_job, required=False, summary="the job, with top:<n>"),
        Option(
            key="to",
            field="to",
            convert=values.to_destination,
            sample="ats",
            meta="ats|talynce",
            summary="where to: ats (the customer's ATS, through Kombo) or talynce",
            label="destination",
            needs="a destination (to:ats or to:talynce)",
            required=True,
        ),
    ),
    examples=("push 7 to:talynce", "push top:5 job:42 to:ats"),
    positional="job_candidate",
    bare_positional=True,
)

REJECT_SPEC = CommandSpec(
    model=Reject,
    usage='reject <job candidate id> [reason:"..."] [note:"..."]',
    summary="reject a pushed candidate in the ATS",
    description=(
        "Rejects the candidate's application in the ATS with one of the ATS's rejection "
        "reasons, matched by words. Without reason:, lists the reasons. It asks you to "
        "confirm."
    ),
    options=(
        replace(_jc_option, summary="the job candidate to reject, like 7"),
        Option(
            key="reason",
            field="reason",
            convert=values.to_text_value,
            sample='"Not enough experience"',
            meta='"<reason>"',
            summary="one of the ATS's rejection reasons; a few of its words are enough",
        ),
        Option(
            key="note",
            field="note",
            convert=values.to_text_value,
            sample='"Thanks for your time"',
            meta='"<note>"',
            summary="a note the ATS keeps with the rejection",
        ),
    ),
    examples=('reject 7 reason:"Not enough experience"', "reject 7"),
    positional="job_candidate",
    bare_positional=True,
)

UPLOAD_SPEC = CommandSpec(
    model=Upload,
    usage="upload job:<job id> <url> [<url> ...]",
    summary="add résumés to a job from their links",
    description=(
        "Sends links to résumé files (PDF, DOC or DOCX, where TapTalent can download them) "
        "to the job: TapTalent turns each into a candidate and scores them. Up to "
        f"{values.MAX_URLS:,} links, sent in batches of 200. It asks you to confirm; a report "
        "follows with how many were parsed or failed, and the job's new top 5."
    ),
    options=(
        _job,
        Option(
            key="url",
            field="urls",
            convert=values.to_url,
            sample=values.URL_EXAMPLE,
            meta="<url> ...",
            summary=(
                "public links to the résumés, separated by spaces, up to "
                f"{values.MAX_URLS:,}: http:// or https://"
            ),
            label="résumé link",
            needs=f"at least one résumé link, like {values.URL_EXAMPLE}",
            required=True,
            keyed=False,
            repeat=True,
        ),
    ),
    examples=(
        f"upload job:42 {values.URL_EXAMPLE}",
        "upload job:42 https://files.example.com/cv/a.pdf https://files.example.com/cv/b.docx",
    ),
    positional="urls",
)

ASSESSMENTS_SPEC = CommandSpec(
    model=ListAssessments,
    usage="assessments [job:<job id>]",
    summary="list TapTalent's voice assessments",
    description=(
        "Lists your company's assessments (voice interviews) with their question and "
        "submission counts, newest first. With job:, only that job's."
    ),
    options=(replace(_job, required=False, summary="only this job's assessments, like 42"),),
    examples=("assessments", "assessments job:42"),
)

ASSESSMENT_SPEC = CommandSpec(
    model=ShowAssessment,
    usage="assessment <assessment id>",
    summary="show an assessment and its questions",
    description="Shows one assessment: its role, purpose, skills and questions, in order.",
    options=(
        Option(
            key="id",
            field="assessment",
            convert=values.to_id,
            sample="801",
            meta="<assessment id>",
            summary="the assessment's id, as `assessments` lists it, like 801",
            label="assessment id",
            needs="an assessment id (`assessments` lists them)",
            aliases=("assessment",),
            required=True,
        ),
    ),
    examples=("assessment 801", "assessment id:801"),
    positional="assessment",
    bare_positional=True,
)

ASSESS_SPEC = CommandSpec(
    model=Assess,
    usage="assess <job candidate id> [assessment:<id or name>]",
    summary="invite a candidate to a voice assessment",
    description=(
        "Invites the candidate to one of TapTalent's assessments; TapTalent e-mails them "
        "the link, and the score comes back here with its summary, beside the match score. "
        "Without assessment:, the job's own assessment is used; when the job has none, the "
        "confirmation offers to create one from the job (questions from its criteria); "
        "assessment:new always creates one. It asks you to confirm."
    ),
    options=(
        replace(_jc_option, summary="the job candidate to invite, like 7"),
        Option(
            key="assessment",
            field="assessment",
            convert=values.to_assessment_ref,
            sample="801",
            meta="<id or name>",
            summary=(
                "which assessment: its id, some words of its name (quoted when they have "
                "spaces), or new to create one from the job"
            ),
        ),
    ),
    examples=("assess 7", 'assess 7 assessment:"Backend voice interview"'),
    positional="job_candidate",
    bare_positional=True,
)

CANDIDATE_STATUS_SPEC = CommandSpec(
    model=Status,
    usage="status <job candidate id>",
    summary="a candidate in every connected system",
    description=(
        "Shows one candidate as each connected system sees them: the TapTalent score and "
        "stage, the ATS application's stage, the InstaView interview and its rating, the "
        "Talynce application with its screening and match scores, and assessments. A "
        "system that is not connected, or does not answer, says so in its own line."
    ),
    options=(
        replace(
            _jc_option,
            convert=values.to_status_subject,
            sample="505706",
            summary="the job candidate, like 505706",
        ),
    ),
    examples=("status 505706", "status candidate:505706"),
    positional="job_candidate",
    bare_positional=True,
)

INTERVIEW_SPEC = CommandSpec(
    model=Interview,
    usage="interview <job candidate id> [agent:<name>] [at:<ISO time>]",
    summary="invite a candidate to an AI interview (InstaView)",
    description=(
        "Invites the candidate to an AI interview in InstaView with the agent you name "
        "(or INSTAVIEW_DEFAULT_AGENT). It first says what leaves TapTalent (name, contact, "
        "CV text, the agent, the date InstaView deletes the data) and asks you to confirm. "
        "Without an agent and no default, lists the agents. The analysis comes back where "
        "you asked, once, with the TapTalent score beside it."
    ),
    options=(
        replace(_jc_option, summary="the job candidate to invite, like 7"),
        Option(
            key="agent",
            field="agent",
            convert=iv_values.to_agent,
            sample='"Phone screen"',
            meta="<name>",
            summary="the InstaView agent (interview template): its name, a few of its words "
            "are enough (quoted when they have spaces)",
        ),
        Option(
            key="at",
            field="at",
            convert=iv_values.to_at,
            sample=iv_values.AT_EXAMPLE,
            meta="<ISO time>",
            summary="when: an ISO 8601 date and time in the future, like "
            f"{iv_values.AT_EXAMPLE} (default: as soon as possible)",
            aliases=("when", "schedule"),
        ),
    ),
    examples=("interview 7", f'interview 7 agent:"Phone screen" at:{iv_values.AT_EXAMPLE}'),
    positional="job_candidate",
    bare_positional=True,
)

INTERVIEW_STATUS_SPEC = CommandSpec(
    model=InterviewStatus,
    usage="interview-status <job candidate id | interview id>",
    summary="check on an AI interview",
    description=(
        "Shows where a candidate's latest AI interview is (scheduled, under way, being "
        "analysed, analysed or failed) and, once analysed, InstaView's ratings."
    ),
    options=(
        Option(
            key="id",
            field="id",
            convert=iv_values.to_interview_ref,
            sample="7",
            meta="<id>",
            summary="a job candidate id (their latest interview) or an InstaView interview id",
            label="job candidate or interview id",
            needs="a job candidate id or an interview id",
            aliases=("interview_id",),
            required=True,
        ),
    ),
    examples=("interview-status 7", "interview-status id:7"),
    positional="id",
    bare_positional=True,
)

COMMANDS: dict[str, CommandSpec] = {
    spec.name: spec
    for spec in (
        HELP_SPEC,
        JOBS_SPEC,
        JOB_SPEC,
        TOP_SPEC,
        SEARCH_SPEC,
        RESCORE_SPEC,
        STATUS_SPEC,
        MOVE_SPEC,
        LINK_SPEC,
        PUSH_SPEC,
        REJECT_SPEC,
        UPLOAD_SPEC,
        ASSESSMENTS_SPEC,
        ASSESSMENT_SPEC,
        ASSESS_SPEC,
        CANDIDATE_STATUS_SPEC,
        INTERVIEW_SPEC,
        INTERVIEW_STATUS_SPEC,
    )
}
