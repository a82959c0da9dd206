"""Room Activity Compliance 议事室活动达标与排名: each room's consultation activities in the year against its
yearly minimum (Yancheng Norms art. 22), with its outcomes and attendance, ranked within its level at year
end (Gaosuntang Plan IV.2; Yancheng Norms art. 26). Figures: consult_app/reports.py."""

from __future__ import annotations

import frappe
from frappe import _

from consult_app import reports, rules
from consult_app.process.states import Outcome


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = room_rows(filters)
	if filters.get("below_minimum_only"):
		rows = [row for row in rows if row["shortfall"] > 0]
	return columns(), rows, None, chart(rows)


def room_rows(filters) -> list[dict]:
	"""One row per room the user may see: six grouped queries whatever the number of rooms."""
	year = reports.year_of(filters)
	settings = reports.get_settings()
	rooms = reports.visible_rooms(filters)
	held = reports.activities_by_room(year, filters)
	consulted = reports.topics_consulted_by_room(year, filters)
	attendance = reports.attendance_by_room(year, filters)
	outcome_rows = [
		r
		for r in reports.grouped(
			reports.OUTCOME,
			{"room": "room", "topic_year": "topic.year", "decision": "adoption_decision"},
			{"n": "count(`tabConsultation Outcome`.`name`)"},
			reports.linked_room_filters(filters),
		)
		if r.topic_year == year
	]
	outcomes = reports.tally(outcome_rows, lambda r: r.room)
	adopted = reports.tally(outcome_rows, lambda r: r.room if r.decision in Outcome.ADOPTED_STATES else None)
	rows = []
	for room in rooms:
		minimum = reports.minimum_of(room, settings)
		n = held.get(room.name, 0)
		short = rules.shortfall(n, minimum)
		rows.append(
			{
				"room": room.name,
				"level": room.level,
				"yearly_minimum": minimum,
				"activities": n,
				"topics_consulted": consulted.get(room.name, 0),
				"outcomes": int(outcomes.get(room.name, 0)),
				"adopted_outcomes": int(adopted.get(room.name, 0)),
				"attendance": attendance.get(room.name, 0),
				"shortfall": short,
				"compliance": _("Not Met") if short else _("Met"),
			}
		)
	reports.rank_within(rows, "activities", group="level", field="rank_in_level")
	for row in rows:
		row["level"] = _(row["level"]) if row["level"] else None
	return rows


def columns() -> list[dict]:
	return [
		{
			"fieldname": "room",
			"label": _("Room"),
			"fieldtype": "Link",
			"options": "Consultation Room",
			"width": 200,
		},
		{"fieldname": "level", "label": _("Level"), "fieldtype": "Data", "width": 120},
		{"fieldname": "yearly_minimum", "label": _("Yearly Minimum"), "fieldtype": "Int", "width": 100},
		{"fieldname": "activities", "label": _("Activities Held"), "fieldtype": "Int", "width": 100},
		{"fieldname": "topics_consulted", "label": _("Topics Consulted"), "fieldtype": "Int", "width": 100},
		{"fieldname": "outcomes", "label": _("Outcomes"), "fieldtype": "Int", "width": 90},
		{"fieldname": "adopted_outcomes", "label": _("Adopted Outcomes"), "fieldtype": "Int", "width": 100},
		{
			"fieldname": "attendance",
			"label": _("Attendance (Person-times)"),
			"fieldtype": "Int",
			"width": 110,
		},
		{"fieldname": "shortfall", "label": _("Shortfall"), "fieldtype": "Int", "width": 90},
		{"fieldname": "compliance", "label": _("Compliance"), "fieldtype": "Data", "width": 90},
		{"fieldname": "rank_in_level", "label": _("Rank in Level"), "fieldtype": "Int", "width": 90},
	]


def chart(rows: list[dict]) -> dict | None:
	"""Activities per room against its minimum."""
	if not rows:
		return None
	return {
		"data": {
			"labels": [row["room"] for row in rows],
			"datasets": [
				{"name": _("Activities Held"), "values": [row["activities"] for row in rows]},
				{"name": _("Yearly Minimum"), "values": [row["yearly_minimum"] for row in rows]},
			],
		},
		"type": "bar",
	}
