"""The domain's rules as pure functions.

Nothing here imports Frappe: the functions take plain values and answer plainly, so the unit tier
tests them without a site. Controllers call them and raise the specific errors of
`consult_app.exceptions` with a translated message. Each rule cites the policy document it comes from
(docs/sources.md).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping

from consult_app.process.states import Outcome

# The exclusion list "九不议" (Dacheng Plan) and Yancheng Norms art. 11, as Consultation Topic fieldnames.
EXCLUSION_FIELDS: tuple[str, ...] = (
	"ex_party_policy_law",
	"ex_higher_orders",
	"ex_harms_rights",
	"ex_against_public",
	"ex_beyond_authority",
	"ex_serious_divergence",
	"ex_discriminatory",
	"ex_other_faster",
	"ex_not_for_grassroots",
	"ex_individual_dispute",
	"ex_already_agreed",
)

YES = "Yes"
NO = "No"

# Room level -> Consultation Settings field holding its yearly activity minimum (Yancheng Norms art. 22).
LEVEL_MINIMUM_FIELD: dict[str, str] = {
	"Town/Street": "min_activities_town",
	"Park": "min_activities_park",
	"Village/Community": "min_activities_village",
	"Enterprise/Institution": "min_activities_enterprise",
}


def _as_date(value) -> _dt.date | None:
	if value in (None, ""):
		return None
	if isinstance(value, _dt.datetime):
		return value.date()
	if isinstance(value, _dt.date):
		return value
	return _dt.date.fromisoformat(str(value)[:10])


def as_datetime(value) -> _dt.datetime | None:
	if value in (None, ""):
		return None
	if isinstance(value, _dt.datetime):
		return value
	if isinstance(value, _dt.date):
		return _dt.datetime(value.year, value.month, value.day)
	return _dt.datetime.fromisoformat(str(value))


def ends_before_start(start, end) -> bool:
	"""True when both are given and the end lies before the start (dates or datetimes)."""
	start_dt, end_dt = as_datetime(start), as_datetime(end)
	return start_dt is not None and end_dt is not None and end_dt < start_dt


def percent_out_of_range(value) -> bool:
	"""A percentage must lie within 0–100."""
	return value is not None and value != "" and not (0 <= float(value) <= 100)


def support_share(votes_for: int | None, votes_against: int | None) -> float:
	"""Share of votes in favour, in percent, from the screening vote (Yancheng Norms art. 13)."""
	total = (votes_for or 0) + (votes_against or 0)
	return round(100.0 * (votes_for or 0) / total, 2) if total else 0.0


def earliest_meeting_date(publicity_start, publicity_days: int) -> _dt.date | None:
	"""A topic is posted at least `publicity_days` before it is consulted (Yancheng Norms art. 14)."""
	start = _as_date(publicity_start)
	return start + _dt.timedelta(days=int(publicity_days or 0)) if start else None


# The room tree (county → town/street or park → village/community or enterprise/institution): the lower
# the rank, the higher the level. Yancheng Norms art. 2 and 14: town, street and park rooms are set up by
# the county CPPCC; village, community and enterprise rooms extend them.
LEVEL_RANK: dict[str, int] = {
	"County": 0,
	"Town/Street": 1,
	"Park": 1,
	"Village/Community": 2,
	"Enterprise/Institution": 2,
}


def may_sit_below(level: str | None, parent_level: str | None) -> bool:
	"""A room sits below a room of a strictly higher level."""
	return LEVEL_RANK.get(parent_level or "", 99) < LEVEL_RANK.get(level or "", -1)


def room_may_have_rooms_below(level: str | None) -> bool:
	return LEVEL_RANK.get(level or "", 2) < 2


# Room level -> Consultation Settings check "rooms of this level file their topics with the county CPPCC".
LEVEL_FILING_FIELD: dict[str, str] = {
	"Town/Street": "filing_town",
	"Park": "filing_park",
	"Village/Community": "filing_village",
	"Enterprise/Institution": "filing_enterprise",
}


def files_with_county(level: str | None, settings) -> bool:
	"""Yancheng Norms art. 14: town, street and park rooms file their approved topics with the county CPPCC;
	which levels file is a setting."""
	field = LEVEL_FILING_FIELD.get(level or "")
	return bool(field and settings.get(field))


def yearly_minimum_field(level: str | None) -> str | None:
	return LEVEL_MINIMUM_FIELD.get(level or "")


def council_too_large(size: int, maximum: int) -> bool:
	"""A community council has at most `maximum` (30) fixed members (Dacheng Plan)."""
	return bool(maximum) and size > maximum


def council_too_small(size: int, minimum: int) -> bool:
	"""A community council has at least `minimum` (20) fixed members (Dacheng Plan)."""
	return size > 0 and bool(minimum) and size < minimum


def cadre_share_exceeded(cadres: int, size: int, max_percent: float) -> bool:
	"""Cadres are at most `max_percent` (50 %) of a council's fixed members (Dacheng Plan)."""
	return size > 0 and 100.0 * cadres / size > float(max_percent)


FIXED_COUNCIL_ROLES: tuple[str, ...] = ("Party Secretary", "Fixed Member")


def council_gaps(rows: Iterable[tuple[str | None, int | None, int | None]]) -> list[str]:
	"""Dacheng Plan IV.2 (居民协商议事会 "1+7+X"): one community party secretary ("1"), the residents'
	committee director and the supervisory committee director among the fixed members. `rows`: (council_role,
	is_committee_director, is_supervisory_director). Returns what is missing or wrong, as keys:
	"party_secretary", "two_party_secretaries", "committee_director", "supervisory_director"."""
	rows = list(rows)
	secretaries = sum(1 for role, _c, _s in rows if role == "Party Secretary")
	fixed = [(c, sv) for role, c, sv in rows if role in FIXED_COUNCIL_ROLES]
	gaps = []
	if secretaries == 0:
		gaps.append("party_secretary")
	if secretaries > 1:
		gaps.append("two_party_secretaries")
	if not any(c for c, _sv in fixed):
		gaps.append("committee_director")
	if not any(sv for _c, sv in fixed):
		gaps.append("supervisory_director")
	return gaps


def unanswered_exclusions(answers: Mapping[str, str | None]) -> list[str]:
	"""Exclusion items (九不议) the reviewer has not answered yet, in list order."""
	return [f for f in EXCLUSION_FIELDS if answers.get(f) not in (YES, NO)]


def hit_exclusions(answers: Mapping[str, str | None]) -> list[str]:
	"""Exclusion items answered "Yes": such a topic may only be rejected (Dacheng Plan, Yancheng Norms art. 11)."""
	return [f for f in EXCLUSION_FIELDS if answers.get(f) == YES]


def duplicated(values: Iterable) -> list:
	"""Values that occur more than once, in first-seen order."""
	seen, dups = set(), []
	for v in values:
		if v in seen and v not in dups:
			dups.append(v)
		seen.add(v)
	return dups


# Participant categories that are CPPCC members (Yancheng Norms art. 10).
MEMBER_CATEGORIES: tuple[str, ...] = ("City CPPCC Member", "County CPPCC Member")


def member_group_too_large(size: int) -> bool:
	"""Hai'an Plan II.4: 由2-3名委员为一组 — a member group has at most three members."""
	return size > 3


def member_group_too_small(size: int) -> bool:
	"""A member group of one member is still being formed: it should have at least two."""
	return 0 < size < 2


def convener_composition_problems(conveners: Iterable[tuple[str, str | None, int | None]]) -> list[str]:
	"""Yancheng Norms art. 4 and Dacheng Plan IV.2 (双召集人): the first convener comes from the party side
	(a cadre: the party deputy secretary), the second is a CPPCC member. `conveners`: (order, category,
	is_cadre) triples. Returns the problems as keys: "first_not_party", "second_not_member"."""
	problems = []
	for order, category, is_cadre in conveners:
		if order == "First Convener" and not is_cadre:
			problems.append("first_not_party")
		if order == "Second Convener" and category not in MEMBER_CATEGORIES:
			problems.append("second_not_member")
	return problems


RESEARCH_CONTENT_FIELDS: tuple[str, ...] = ("policy_basis", "facts", "stakeholder_views")


def research_incomplete(values: Mapping[str, str | None], team_size: int) -> list[str]:
	"""Gaosuntang Plan III.3: research finds out the policy basis, the facts and the stakeholders' views, by a
	team. The fields (and "team") still missing before research can be called complete."""
	missing = [f for f in RESEARCH_CONTENT_FIELDS if not (values.get(f) or "").strip()]
	if team_size < 1:
		missing.append("team")
	return missing


def too_many_conveners(count: int) -> bool:
	"""A room or meeting has one convener, or two (双召集人, Experience Reports and Dacheng Plan)."""
	return count > 2


def quarter_of(day) -> int:
	return (_as_date(day).month - 1) // 3 + 1


def collection_deadline(year: int, quarter: int, deadline_day: int) -> _dt.date:
	"""Candidates are pooled by the deadline day of the quarter's first month (Gaosuntang Plan)."""
	month = 3 * (int(quarter) - 1) + 1
	return _dt.date(int(year), month, min(max(int(deadline_day or 15), 1), 28))


def over_limit(count: int, limit: int) -> bool:
	"""Members shortlist at most N topics a quarter, the party committee fixes at most M (Gaosuntang Plan)."""
	return bool(limit) and count > limit


def progress_goes_back(previous: float | None, current: float | None, note: str | None) -> bool:
	"""Implementation progress never goes backwards without a note explaining why (Experience Reports 交督复)."""
	return previous is not None and current is not None and current < previous and not (note or "").strip()


# -- research and consultation meetings ----------------------------------------------------

# Participant categories and meeting roles that speak for residents (Hai'an Plan, Yancheng Norms art. 10 and 19).
RESIDENT_CATEGORIES: tuple[str, ...] = ("Stakeholder Representative", "Resident Representative")
RESIDENT_MEETING_ROLES: tuple[str, ...] = ("Stakeholder", "Resident")
ATTENDANCE_VALUES: tuple[str, ...] = ("Present", "Absent", "Excused")
WRITTEN_FORM = "Written"
LINK_FORMS: tuple[str, ...] = ("Online", "Mixed")


def meeting_before_publicity_ends(meeting_start, earliest_meeting_date) -> bool:
	"""A topic is consulted no earlier than its publicity start + publicity days (Yancheng Norms art. 14)."""
	start, earliest = _as_date(meeting_start), _as_date(earliest_meeting_date)
	return start is not None and earliest is not None and start < earliest


def meeting_not_started(meeting_start, now) -> bool:
	"""A meeting is recorded as held (submitted) only once it has started."""
	start, current = as_datetime(meeting_start), as_datetime(now)
	return start is not None and current is not None and current < start


def notice_deadline(meeting_start, notice_days: int) -> _dt.datetime | None:
	"""The latest moment a notice may go out: `notice_days` before the meeting starts (Yancheng Norms art. 16)."""
	start = as_datetime(meeting_start)
	return start - _dt.timedelta(days=int(notice_days or 0)) if start else None


def notice_too_late(sent_at, meeting_start, notice_days: int) -> bool:
	"""True when a notice sent at `sent_at` leaves less than `notice_days` before the meeting."""
	deadline, sent = notice_deadline(meeting_start, notice_days), as_datetime(sent_at)
	return deadline is not None and sent is not None and sent > deadline


def missing_convener(count: int) -> bool:
	"""A meeting has at least one convener (DOMAIN: rules the system enforces)."""
	return count < 1


def needs_stakeholder(
	affects_residents: Iterable, participants: Iterable[tuple[str | None, str | None]]
) -> bool:
	"""A topic that affects residents expects a stakeholder or resident representative among the
	participants (Hai'an Plan 利益相关者参与协商). `participants`: (category, meeting_role) pairs."""
	if not any(affects_residents):
		return False
	return not any(cat in RESIDENT_CATEGORIES or role in RESIDENT_MEETING_ROLES for cat, role in participants)


def without_attendance(rows: Iterable[tuple[str, str | None]]) -> list[str]:
	"""Participants (name, attendance) whose attendance is not recorded, in order."""
	return [name for name, attendance in rows if attendance not in ATTENDANCE_VALUES]


def topics_without_opinion(agenda: Iterable[str], opinion_topics: Iterable[str]) -> list[str]:
	"""Agenda topics with no opinion recorded, in agenda order."""
	heard = set(opinion_topics)
	return [t for t in agenda if t not in heard]


def off_agenda(agenda: Iterable[str], opinion_topics: Iterable[str]) -> list[str]:
	"""Topics of opinions that are not on the agenda, in first-seen order."""
	listed, result = set(agenda), []
	for t in opinion_topics:
		if t not in listed and t not in result:
			result.append(t)
	return result


def dissent_unexplained(dissenting_residents: int, explanation: str | None) -> bool:
	"""Residents who disagree get an explanation from the organisers (Yancheng Norms art. 19, Hai'an Plan)."""
	return dissenting_residents > 0 and not (explanation or "").strip()


# -- outcomes: 交督复, feedback, echo wall (Experience Reports, Yancheng Norms art. 17–21) ----------------------------


def due_before_meeting(due_date, meeting_start) -> bool:
	"""An outcome's due date cannot lie before the meeting that produced it."""
	due, meeting = _as_date(due_date), _as_date(meeting_start)
	return due is not None and meeting is not None and due < meeting


# Experience Reports, report 4 ("A、B、C" 协商办理): how an adopted outcome is handled.
CLASS_A = "A: Adopted and Implemented"  # agreed and can be implemented: assigned to a handling unit
CLASS_B = "B: Planned, Solved Step by Step"  # for the party committee and government, or village committees
CLASS_C = "C: Not Yet Feasible, Explained"  # cannot be solved for now: explained to the proposer
HANDLING_CLASSES: tuple[str, ...] = (CLASS_A, CLASS_B, CLASS_C)


def is_assigned_class(handling_class: str | None) -> bool:
	"""A and B outcomes are assigned (交) and supervised (督); a C outcome is explained instead."""
	return handling_class in (CLASS_A, CLASS_B)


def missing_assignment(handling_unit: str | None, due_date) -> list[str]:
	"""An adopted outcome is assigned (交): it needs a handling unit and a due date (Experience Reports 交督复)."""
	missing = []
	if not handling_unit:
		missing.append("handling_unit")
	if _as_date(due_date) is None:
		missing.append("due_date")
	return missing


def progress_rows_going_back(rows: Iterable[tuple]) -> list[int]:
	"""Positions (0-based, in date order as given) of progress rows that report less than the row before
	without a note. `rows` are (percent, note) pairs, already in date order."""
	going_back, previous = [], None
	for i, (percent, note) in enumerate(rows):
		current = None if percent in (None, "") else float(percent)
		if progress_goes_back(previous, current, note):
			going_back.append(i)
		if current is not None:
			previous = current
	return going_back


def days_overdue(due_date, on_date) -> int:
	"""Days an outcome is past its due date on `on_date` (0 when not overdue or without a due date)."""
	due, day = _as_date(due_date), _as_date(on_date)
	if due is None or day is None or day <= due:
		return 0
	return (day - due).days


def is_overdue(due_date, on_date, state: str | None) -> bool:
	"""An outcome still being handled whose due date has passed (Experience Reports: 督 — supervise the deadline)."""
	return state in Outcome.OPEN and days_overdue(due_date, on_date) > 0


def escalates(due_date, on_date, escalation_days: int | None) -> bool:
	"""Overdue by more than `escalation_days` days: reported to the consultation office's managers.
	0 or empty switches escalation off."""
	return bool(escalation_days) and days_overdue(due_date, on_date) > int(escalation_days)


def notice_due(last_notice_on, on_date) -> bool:
	"""An overdue outcome is flagged at most once a day."""
	last = _as_date(last_notice_on)
	return last is None or last < _as_date(on_date)


def feedback_allowed_from(state: str | None, handling_class: str | None = None) -> bool:
	"""Feedback goes out once an outcome is implemented or has been declined (Hai'an Plan II.5, Yancheng
	Norms art. 19), or, for a class C outcome, once adopted: it is explained rather than implemented
	(Experience Reports, report 4)."""
	if state in Outcome.ADOPTED_STATES:
		return handling_class == CLASS_C
	return state in Outcome.FEEDBACK_FROM


def all_evaluated(states: Iterable[str | None]) -> bool:
	"""A topic is concluded when it has outcomes and every one of them is evaluated."""
	states = list(states)
	return bool(states) and all(s == Outcome.EVALUATED for s in states)


# Mainland mobile numbers, also written with spaces or dashes (138 0000 0000), and landlines (0512-12345678).
_PHONE_PATTERN = r"(?<!\d)(?:1[3-9]\d(?:[\s-]?\d){8}|0\d{2,3}-?\d{7,8})(?!\d)"


def mask_phone_numbers(text: str | None, mask: str = "***") -> str:
	"""Public pages show no phone numbers, even when one was typed into a free-text field."""
	import re

	return re.sub(_PHONE_PATTERN, mask, text or "")


# -- reports (Yancheng Norms art. 22, 26; Gaosuntang Plan IV.2) ---------------------------------------


def yearly_minimum(own_minimum: int | None, level: str | None, settings) -> int:
	"""A room's yearly activity minimum: its own when set, else the Settings' minimum for its level."""
	if own_minimum:
		return int(own_minimum)
	field = yearly_minimum_field(level)
	return int((settings.get(field) if field else 0) or 0)


def shortfall(held: int, minimum: int) -> int:
	"""Activities still missing to reach the yearly minimum."""
	return max(int(minimum or 0) - int(held or 0), 0)


def competition_ranks(values: Iterable[float]) -> list[int]:
	"""Ranks by value, highest first; equal values share a rank and the next rank skips (1, 1, 3)."""
	values = list(values)
	return [1 + sum(1 for other in values if other > v) for v in values]


def counts_as_implemented(state: str | None, decision: str | None, handling_class: str | None) -> bool:
	"""An adopted outcome carried out: implemented or later, and not a class C outcome (those are explained,
	not implemented; Experience Reports, report 4). A declined outcome with feedback is not implemented."""
	return (
		state in Outcome.IMPLEMENTED_OR_LATER
		and decision in Outcome.ADOPTED_STATES
		and handling_class != CLASS_C
	)


# -- typed text shown to others ---------------------------------------------------------------------------

_TAG = re.compile(r"<[^<>]*>")
# a tag that is opened and never closed (`水管 <img src=x onerror=alert(1)//`): browsers still build it
_OPEN_TAG = re.compile(r"<(?=[A-Za-z!/?])[^<>]*")


def plain_text(value) -> str:
	"""Text typed by the public (the web form) or put into an email subject or a calendar file, with any
	markup removed: complete tags, and a tag left open ("<img src=x onerror=..." without ">"), which a
	browser would still build. A "<" that opens no tag ("房价<5000") stays. Template syntax ({{ }}, {% %})
	is plain text: the app never renders typed values as a template."""
	text = str(value or "")
	while True:
		stripped = _TAG.sub("", text)
		if stripped == text:
			break
		text = stripped
	return _OPEN_TAG.sub("", text)
