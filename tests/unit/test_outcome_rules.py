"""Outcome rules (consult_app.rules): 交督复, overdue flags, feedback, echo wall privacy."""

import datetime as dt

import pytest

from consult_app import rules
from consult_app.process.states import Outcome


@pytest.mark.parametrize(
	"due,meeting,expected",
	[
		("2026-05-01", "2026-05-02 09:00:00", True),
		("2026-05-02", "2026-05-02 19:00:00", False),  # due the day of the meeting is fine
		(dt.date(2026, 6, 1), dt.datetime(2026, 5, 2, 9), False),
		(None, "2026-05-02 09:00:00", False),
		("2026-05-01", None, False),
	],
)
def test_due_before_meeting(due, meeting, expected):
	assert rules.due_before_meeting(due, meeting) is expected


@pytest.mark.parametrize(
	"unit,due,missing",
	[
		(None, None, ["handling_unit", "due_date"]),
		("城建科", None, ["due_date"]),
		("", "2026-05-01", ["handling_unit"]),
		("城建科", "2026-05-01", []),
	],
)
def test_missing_assignment(unit, due, missing):
	assert rules.missing_assignment(unit, due) == missing


@pytest.mark.parametrize(
	"rows,expected",
	[
		([(10, ""), (40, None), (100, "")], []),
		([(50, ""), (30, "")], [1]),
		([(50, ""), (30, "  ")], [1]),
		([(50, ""), (30, "设计变更，部分返工")], []),
		([(50, ""), (None, ""), (40, "")], [2]),  # an empty percent does not reset the comparison
		([(60, ""), (60, "")], []),  # standing still is not going back
		([], []),
	],
)
def test_progress_rows_going_back(rows, expected):
	assert rules.progress_rows_going_back(rows) == expected


@pytest.mark.parametrize(
	"due,day,days",
	[
		("2026-05-01", "2026-05-01", 0),
		("2026-05-01", "2026-05-02", 1),
		("2026-05-01", "2026-05-17", 16),
		("2026-05-01", "2026-04-01", 0),
		(None, "2026-04-01", 0),
	],
)
def test_days_overdue(due, day, days):
	assert rules.days_overdue(due, day) == days


@pytest.mark.parametrize(
	"state,expected",
	[
		("Adopted", True),
		("Partly Adopted", True),
		("Implementing", True),
		("Implemented", False),
		("Feedback Given", False),
		("Not Adopted", False),
		("Reported", False),
	],
)
def test_only_outcomes_being_handled_are_overdue(state, expected):
	assert rules.is_overdue("2026-05-01", "2026-05-03", state) is expected
	assert rules.is_overdue("2026-05-03", "2026-05-03", state) is False


@pytest.mark.parametrize(
	"day,days,expected",
	[
		("2026-05-16", 15, False),  # 15 days overdue: not yet past 15
		("2026-05-17", 15, True),
		("2026-06-30", 0, False),  # 0 switches escalation off
		("2026-06-30", None, False),
	],
)
def test_escalation_after_the_configured_days(day, days, expected):
	assert rules.escalates("2026-05-01", day, days) is expected


def test_overdue_notice_at_most_once_a_day():
	assert rules.notice_due(None, "2026-05-03")
	assert rules.notice_due("2026-05-02", "2026-05-03")
	assert not rules.notice_due("2026-05-03", "2026-05-03")
	assert not rules.notice_due(dt.date(2026, 5, 3), dt.datetime(2026, 5, 3, 23, 0))


@pytest.mark.parametrize(
	"state,expected",
	[
		("Implemented", True),
		("Not Adopted", True),
		("Implementing", False),
		("Adopted", False),
		(None, False),
	],
)
def test_feedback_only_after_implementation_or_decline(state, expected):
	assert rules.feedback_allowed_from(state) is expected


def test_all_evaluated():
	assert rules.all_evaluated(["Evaluated", "Evaluated"])
	assert not rules.all_evaluated(["Evaluated", "Feedback Given"])
	assert not rules.all_evaluated([])


@pytest.mark.parametrize(
	"text,expected",
	[
		("联系人电话13800001234，欢迎监督", "联系人电话***，欢迎监督"),
		("请拨 138 0000 1234 或 139-0000-1234", "请拨 *** 或 ***"),
		("办公室 0512-87654321", "办公室 ***"),
		("投入资金 120 万元，惠及 3500 人", "投入资金 120 万元，惠及 3500 人"),
		("编号 2026000012345678", "编号 2026000012345678"),  # digits inside a longer number stay
		(None, ""),
	],
)
def test_phone_numbers_are_masked(text, expected):
	assert rules.mask_phone_numbers(text) == expected


def test_a_class_c_outcome_is_explained_instead_of_implemented():
	"""Experience Reports, report 4: C — not yet feasible, explained; A and B are assigned and supervised."""
	assert rules.feedback_allowed_from("Adopted", rules.CLASS_C)
	assert rules.feedback_allowed_from("Partly Adopted", rules.CLASS_C)
	assert not rules.feedback_allowed_from("Adopted", rules.CLASS_A)
	assert not rules.feedback_allowed_from("Adopted", rules.CLASS_B)
	assert not rules.feedback_allowed_from("Adopted", None)
	assert rules.is_assigned_class(rules.CLASS_A) and rules.is_assigned_class(rules.CLASS_B)
	assert not rules.is_assigned_class(rules.CLASS_C) and not rules.is_assigned_class(None)


def test_member_groups_have_two_or_three_members():
	"""Hai'an Plan II.4: 由2-3名委员为一组."""
	assert not rules.member_group_too_large(3) and rules.member_group_too_large(4)
	assert rules.member_group_too_small(1) and not rules.member_group_too_small(2)
	assert not rules.member_group_too_small(0)


# -- reports (Yancheng Norms art. 22, 26; Gaosuntang Plan IV.2) -------------------------------------------


def test_competition_ranks_share_a_rank_and_skip_the_next():
	assert rules.competition_ranks([15, 2, 2, 2, 2, 0, 0]) == [1, 2, 2, 2, 2, 6, 6]
	assert rules.competition_ranks([]) == []
	assert rules.competition_ranks([0, 3]) == [2, 1]


def test_the_yearly_minimum_is_the_rooms_own_else_the_settings_by_level():
	settings = {"min_activities_town": 2, "min_activities_village": 1, "min_activities_park": 3}
	assert rules.yearly_minimum(5, "Town/Street", settings) == 5
	assert rules.yearly_minimum(None, "Town/Street", settings) == 2
	assert rules.yearly_minimum(0, "Park", settings) == 3
	assert rules.yearly_minimum(None, "County", settings) == 0


def test_shortfall_is_what_is_missing_to_the_minimum():
	assert rules.shortfall(0, 2) == 2
	assert rules.shortfall(3, 2) == 0
	assert rules.shortfall(1, 1) == 0


def test_implemented_counts_adopted_outcomes_carried_out_not_class_c_or_declined():
	assert rules.counts_as_implemented(Outcome.IMPLEMENTED, Outcome.ADOPTED, rules.CLASS_A)
	assert rules.counts_as_implemented(Outcome.EVALUATED, Outcome.PARTLY_ADOPTED, rules.CLASS_B)
	assert not rules.counts_as_implemented(Outcome.FEEDBACK_GIVEN, Outcome.ADOPTED, rules.CLASS_C)
	assert not rules.counts_as_implemented(Outcome.FEEDBACK_GIVEN, Outcome.NOT_ADOPTED, None)
	assert not rules.counts_as_implemented(Outcome.IMPLEMENTING, Outcome.ADOPTED, rules.CLASS_A)
