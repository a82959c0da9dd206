"""The figures of the standard reports (consultation/report/), computed in the database as the user sees them.

Every figure is one `frappe.get_list` with GROUP BY: the same path as the user's list view, so User
Permissions on rooms (a permission on a town covers the rooms below it), the app's
`permission_query_conditions` (deny by default, meetings by invitation, outcomes by handling unit) and
field permission levels apply. The number of queries is the same whatever the number of rooms, members or
records; Python only folds the grouped rows.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import cint, getdate

from consult_app import rules
from consult_app.consultation.doctype.consultation_settings.consultation_settings import get_settings

ROOM = "Consultation Room"
TOPIC = "Consultation Topic"
MEETING = "Consultation Meeting"
OUTCOME = "Consultation Outcome"
RESEARCH = "Consultation Research"
PARTICIPANT = "Consultation Participant"
ATTENDEE = "Consultation Meeting Participant"
AGENDA = "Consultation Meeting Topic"
OPINION = "Consultation Opinion"
TEAM = "Consultation Research Member"

PRESENT = "Present"  # a meeting participant's attendance (Consultation Meeting Participant.attendance)
# participant categories of CPPCC members (the default of the member participation score)
MEMBER_CATEGORIES = ("City CPPCC Member", "County CPPCC Member")
CPPCC_MEMBERS = "CPPCC Members"  # the filter value that stands for both categories


def this_year() -> int:
	return getdate().year


def year_of(filters) -> int:
	return cint(filters.get("year")) or this_year()


def year_range(year: int) -> list[str]:
	"""The `between` value of a Date or Datetime filter for the whole year (Frappe adds the day's end)."""
	return [f"{year}-01-01", f"{year}-12-31"]


def grouped(doctype: str, by: dict[str, str], measures: dict[str, str], filters=None) -> list[dict]:
	"""One GROUP BY query through the user's list permissions: `by` and `measures` map an alias to its SQL
	expression (a column, a linked field `link.field`, `count(...)`, `sum(...)`)."""
	fields = [f"{expr} as {alias}" for alias, expr in {**by, **measures}.items()]
	return frappe.get_list(
		doctype,
		fields=fields,
		filters=filters or [],
		# by position: an alias may repeat a column name of a joined table
		group_by=", ".join(str(i) for i in range(1, len(by) + 1)) or None,
		order_by="",
		limit_page_length=0,
	)


def tally(rows: list[dict], key, measure: str = "n") -> dict:
	"""Sum `measure` of grouped rows by `key(row)` (a key of None is dropped)."""
	out: dict = defaultdict(float)
	for row in rows:
		k = key(row)
		if k is not None:
			out[k] += row.get(measure) or 0
	return out


def as_int(mapping: dict) -> dict:
	return {k: int(v) for k, v in mapping.items()}


# -- rooms ---------------------------------------------------------------------------------------------


def room_filters(filters) -> list:
	"""The room filters of a report: a level, a room and the rooms below it."""
	out = []
	if filters.get("room"):
		out.append(["name", "descendants of (inclusive)", filters.get("room")])
	if filters.get("level"):
		out.append(["level", "=", filters.get("level")])
	return out


def linked_room_filters(filters, field: str = "room") -> list:
	"""The same filters on a record's room link (a level is matched on the rooms found first)."""
	if filters.get("room"):
		return [[field, "descendants of (inclusive)", filters.get("room")]]
	return []


def visible_rooms(filters) -> list[dict]:
	"""The rooms the user may see under the report's room filters, with their level and own minimum."""
	return frappe.get_list(
		ROOM,
		fields=["name", "room_name", "level", "yearly_minimum"],
		filters=room_filters(filters),
		order_by="lft asc",
		limit_page_length=0,
	)


def minimum_of(room: dict, settings=None) -> int:
	"""The room's yearly activity minimum: its own, else the Settings' minimum for its level (Yancheng
	Norms art. 22)."""
	return rules.yearly_minimum(room.get("yearly_minimum"), room.get("level"), settings or get_settings())


# -- meetings: activities, 人次, topics consulted -----------------------------------------------------


def held_meeting_filters(year: int, filters=None) -> list:
	"""Consultation activities held in the year: submitted meetings whose start falls in it."""
	return [
		["docstatus", "=", 1],
		["start", "between", year_range(year)],
		*linked_room_filters(filters or {}),
	]


def activities_by_room(year: int, filters=None) -> dict[str, int]:
	rows = grouped(
		MEETING,
		{"room": "room"},
		{"n": "count(`tabConsultation Meeting`.`name`)"},
		held_meeting_filters(year, filters),
	)
	return as_int(tally(rows, lambda r: r.room))


def attendance_by_room(year: int, filters=None) -> dict[str, int]:
	"""人次: participants marked present at the year's meetings (Experience Reports, report 4)."""
	rows = grouped(
		MEETING,
		{"room": "`tabConsultation Meeting`.`room`"},
		{"n": f"count(`tab{ATTENDEE}`.`name`)"},
		[*held_meeting_filters(year, filters), [ATTENDEE, "attendance", "=", PRESENT]],
	)
	return as_int(tally(rows, lambda r: r.room))


def topics_consulted_by_room(year: int, filters=None) -> dict[str, int]:
	"""Distinct topics on the agenda of the year's meetings."""
	rows = grouped(
		MEETING,
		{"room": "`tabConsultation Meeting`.`room`"},
		{"n": f"count(distinct `tab{AGENDA}`.`topic`)"},
		[*held_meeting_filters(year, filters), [AGENDA, "topic", "is", "set"]],
	)
	return as_int(tally(rows, lambda r: r.room))


def meetings_by_month_and_level(year: int) -> list[dict]:
	"""Activities per month and room level (the workspace's chart)."""
	return grouped(
		MEETING,
		{"month": "extract(month from `tabConsultation Meeting`.`start`)", "level": "room.level"},
		{"n": "count(`tabConsultation Meeting`.`name`)"},
		held_meeting_filters(year),
	)


# -- ranking -------------------------------------------------------------------------------------------


def rank_within(rows: list[dict], value: str, group: str | None = None, field: str = "rank") -> None:
	"""Set `field` on each row: its competition rank (1, 1, 3) by `value`, highest first, within `group`."""
	groups: dict = defaultdict(list)
	for row in rows:
		groups[row.get(group) if group else None].append(row)
	for members in groups.values():
		for row, rank in zip(members, rules.competition_ranks([r[value] for r in members]), strict=True):
			row[field] = rank


def today() -> datetime.date:
	return getdate()


# -- the workspace's custom number card and chart ------------------------------------------------------


@frappe.whitelist()
def rooms_below_minimum(filters: str | dict | None = None) -> int:
	"""Number Card "Rooms Below Minimum This Year": the rooms the user may see that have held fewer activities
	than their yearly minimum so far this year (the Room Activity Compliance report's rows)."""
	from consult_app.consultation.report.room_activity_compliance.room_activity_compliance import room_rows

	frappe.has_permission(ROOM, "read", throw=True)
	rows = room_rows(frappe._dict(year=this_year()))
	return sum(1 for row in rows if row["shortfall"] > 0)


@frappe.whitelist()
def activities_per_month_by_level(
	chart_name: str | None = None, filters: str | dict | None = None, **_kwargs
) -> dict:
	"""Dashboard Chart "Activities per Month by Room Level": meetings held per month, one series per level."""
	frappe.has_permission(MEETING, "read", throw=True)
	filters = frappe._dict(frappe.parse_json(filters) or {})
	year = year_of(filters)
	rows = meetings_by_month_and_level(year)
	levels = sorted({row.level or "" for row in rows})
	counts = {(row.month, row.level or ""): int(row.n) for row in rows}
	return {
		"labels": [_("Month {0}").format(month) for month in range(1, 13)],
		"datasets": [
			{
				"name": _(level) if level else _("Not Set"),
				"values": [counts.get((m, level), 0) for m in range(1, 13)],
			}
			for level in levels
		],
	}
