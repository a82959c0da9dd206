"""Pure rules of research and consultation meetings, without Frappe."""

import datetime as dt

import pytest

from consult_app import ics as ical
from consult_app import rules


@pytest.mark.parametrize(
	"start,earliest,expected",
	[
		("2026-03-07 09:00:00", "2026-03-08", True),
		("2026-03-08 09:00:00", "2026-03-08", False),
		("2026-03-09", dt.date(2026, 3, 8), False),
		(dt.datetime(2026, 3, 7, 23, 59), dt.date(2026, 3, 8), True),
		("2026-03-01", None, False),
		(None, "2026-03-08", False),
	],
)
def test_meeting_before_publicity_ends(start, earliest, expected):
	assert rules.meeting_before_publicity_ends(start, earliest) is expected


def test_notice_deadline_is_notice_days_before_the_start():
	assert rules.notice_deadline("2026-03-10 09:00:00", 3) == dt.datetime(2026, 3, 7, 9, 0)
	assert rules.notice_deadline(None, 3) is None


@pytest.mark.parametrize(
	"sent,start,days,expected",
	[
		("2026-03-07 09:00:00", "2026-03-10 09:00:00", 3, False),  # exactly on the deadline
		("2026-03-07 09:00:01", "2026-03-10 09:00:00", 3, True),
		("2026-03-01 12:00:00", "2026-03-10 09:00:00", 3, False),
		("2026-03-09 12:00:00", "2026-03-10 09:00:00", 0, False),
		("2026-03-11 12:00:00", "2026-03-10 09:00:00", 0, True),  # after the meeting started
		("2026-03-01", None, 3, False),
	],
)
def test_notice_too_late(sent, start, days, expected):
	assert rules.notice_too_late(sent, start, days) is expected


def test_missing_convener():
	assert rules.missing_convener(0)
	assert not rules.missing_convener(1)
	assert not rules.missing_convener(2)


@pytest.mark.parametrize(
	"affects,participants,expected",
	[
		([1], [("County CPPCC Member", "CPPCC Member")], True),
		([1], [("County CPPCC Member", "CPPCC Member"), ("Resident Representative", "Resident")], False),
		([1], [("Stakeholder Representative", "CPPCC Member")], False),
		([0, 1], [("Expert", "Stakeholder")], False),
		([0], [("Expert", "Expert")], False),
		([], [], False),
		([1], [], True),
	],
)
def test_needs_stakeholder(affects, participants, expected):
	assert rules.needs_stakeholder(affects, participants) is expected


def test_without_attendance():
	rows = [("P1", "Present"), ("P2", None), ("P3", "Excused"), ("P4", ""), ("P5", "Absent")]
	assert rules.without_attendance(rows) == ["P2", "P4"]
	assert rules.without_attendance([]) == []


def test_topics_without_opinion_and_off_agenda():
	assert rules.topics_without_opinion(["T1", "T2", "T3"], ["T2", "T2"]) == ["T1", "T3"]
	assert rules.topics_without_opinion(["T1"], ["T1"]) == []
	assert rules.off_agenda(["T1"], ["T1", "T9", "T8", "T9"]) == ["T9", "T8"]
	assert rules.off_agenda(["T1", "T2"], []) == []


@pytest.mark.parametrize(
	"dissenting,explanation,expected",
	[(0, None, False), (1, None, True), (1, "  ", True), (2, "已解释说明", False)],
)
def test_dissent_unexplained(dissenting, explanation, expected):
	assert rules.dissent_unexplained(dissenting, explanation) is expected


def test_ics_event_is_a_valid_calendar_with_one_event():
	ics = ical.ics_event(
		uid="MTG-2026-0001@site",
		title="社区停车难问题协商会",
		start="2026-03-10 09:00:00",
		end="2026-03-10 11:00:00",
		location="社区党群服务中心, 二楼",
		description="请提前阅读调研报告;准备发言\n第二行",
		url="https://example.org/app/consultation-meeting/MTG-2026-0001",
		stamp=dt.datetime(2026, 3, 1, 8, 0),
		tzid="Asia/Shanghai",
	)
	assert ics.endswith("\r\n")
	lines = ics.split("\r\n")
	assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
	assert "DTSTART;TZID=Asia/Shanghai:20260310T090000" in lines
	assert "DTEND;TZID=Asia/Shanghai:20260310T110000" in lines
	assert "DTSTAMP:20260301T080000Z" in lines
	unfolded = ics.replace("\r\n ", "")
	assert "SUMMARY:社区停车难问题协商会" in unfolded
	assert "LOCATION:社区党群服务中心\\, 二楼" in unfolded
	assert "DESCRIPTION:请提前阅读调研报告\\;准备发言\\n第二行" in unfolded
	assert all(len(line.encode("utf-8")) <= 75 for line in lines)


def test_ics_event_without_end_lasts_two_hours_and_folds_long_lines():
	ics = ical.ics_event(uid="u", title="议" * 60, start=dt.datetime(2026, 3, 10, 14, 30), stamp="2026-03-01")
	assert "DTEND:20260310T163000" in ics.split("\r\n")
	assert "SUMMARY:" + "议" * 60 in ics.replace("\r\n ", "")
	assert all(len(line.encode("utf-8")) <= 75 for line in ics.split("\r\n"))
