"""The domain's rules as pure functions.

Nothing here imports Frappe: the functions take plain values and answer plainly, so the unit tier
tests them without a site. Controllers call them and raise the specific errors of
`consult_app.exceptions` with a translated message. Each rule cites the seed document it comes from
(`shared/seeds/`, see DOMAIN.md).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping

# The exclusion list "九不议" (seed 004) and seed 003 art. 11, as Consultation Topic fieldnames.
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

# Room level -> Consultation Settings field holding its yearly activity minimum (seed 003 art. 22).
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


def _as_datetime(value) -> _dt.datetime | None:
	if value in (None, ""):
		return None
	if isinstance(value, _dt.datetime):
		return value
	if isinstance(value, _dt.date):
		return _dt.datetime(value.year, value.month, value.day)
	return _dt.datetime.fromisoformat(str(value))


def ends_before_start(start, end) -> bool:
	"""True when both are given and the end lies before the start (dates or datetimes)."""
	start_dt, end_dt = _as_datetime(start), _as_datetime(end)
	return start_dt is not None and end_dt is not None and end_dt < start_dt


def percent_out_of_range(value) -> bool:
	"""A percentage must lie within 0–100."""
	return value is not None and value != "" and not (0 <= float(value) <= 100)


def support_share(votes_for: int | None, votes_against: int | None) -> float:
	"""Share of votes in favour, in percent, from the screening vote (seed 003 art. 13)."""
	total = (votes_for or 0) + (votes_against or 0)
	return round(100.0 * (votes_for or 0) / total, 2) if total else 0.0


def earliest_meeting_date(publicity_start, publicity_days: int) -> _dt.date | None:
	"""A topic is posted at least `publicity_days` before it is consulted (seed 003 art. 14)."""
	start = _as_date(publicity_start)
	return start + _dt.timedelta(days=int(publicity_days or 0)) if start else None


def yearly_minimum_field(level: str | None) -> str | None:
	return LEVEL_MINIMUM_FIELD.get(level or "")


def council_too_large(size: int, maximum: int) -> bool:
	"""A community council has at most `maximum` (30) fixed members (seed 004)."""
	return bool(maximum) and size > maximum


def council_too_small(size: int, minimum: int) -> bool:
	"""A community council has at least `minimum` (20) fixed members (seed 004)."""
	return size > 0 and bool(minimum) and size < minimum


def cadre_share_exceeded(cadres: int, size: int, max_percent: float) -> bool:
	"""Cadres are at most `max_percent` (50 %) of a council's fixed members (seed 004)."""
	return size > 0 and 100.0 * cadres / size > float(max_percent)


def unanswered_exclusions(answers: Mapping[str, str | None]) -> list[str]:
	"""Exclusion items (九不议) the reviewer has not answered yet, in list order."""
	return [f for f in EXCLUSION_FIELDS if answers.get(f) not in (YES, NO)]


def hit_exclusions(answers: Mapping[str, str | None]) -> list[str]:
	"""Exclusion items answered "Yes": such a topic may only be rejected (seed 004, seed 003 art. 11)."""
	return [f for f in EXCLUSION_FIELDS if answers.get(f) == YES]


def duplicated(values: Iterable) -> list:
	"""Values that occur more than once, in first-seen order."""
	seen, dups = set(), []
	for v in values:
		if v in seen and v not in dups:
			dups.append(v)
		seen.add(v)
	return dups


def too_many_conveners(count: int) -> bool:
	"""A room or meeting has one convener, or two (双召集人, seed 002 and seed 004)."""
	return count > 2


def quarter_of(day) -> int:
	return (_as_date(day).month - 1) // 3 + 1


def collection_deadline(year: int, quarter: int, deadline_day: int) -> _dt.date:
	"""Candidates are pooled by the deadline day of the quarter's first month (seed 000)."""
	month = 3 * (int(quarter) - 1) + 1
	return _dt.date(int(year), month, min(max(int(deadline_day or 15), 1), 28))


def over_limit(count: int, limit: int) -> bool:
	"""Members shortlist at most N topics a quarter, the party committee fixes at most M (seed 000)."""
	return bool(limit) and count > limit


def progress_goes_back(previous: float | None, current: float | None, note: str | None) -> bool:
	"""Implementation progress never goes backwards without a note explaining why (seed 002 交督复)."""
	return previous is not None and current is not None and current < previous and not (note or "").strip()
