"""Annual Consultation Statistics 年度协商统计: the year's figures an office reports upward — activities and
人次, topics collected by source, accepted and not accepted (九不议), outcomes and their adoption, handling
classes A/B/C, implemented, problems solved, funds secured, people benefited, satisfaction (Experience
Reports, reports 4 and 6; Yancheng Norms art. 26) — by room, level, quarter or subject category, with a
totals row. Figures: consult_app/reports.py."""

from __future__ import annotations

import frappe
from frappe import _

from consult_app import reports, rules
from consult_app.process.states import Outcome, Topic

ROOM, LEVEL, QUARTER, CATEGORY = "Room", "Level", "Quarter", "Subject Category"
SOURCES = {
	"Residents": "src_residents",
	"Members": "src_members",
	"Leaders": "src_leaders",
	"Public Call": "src_public_call",
	"Proposal or Social Conditions Report": "src_proposal",
}
DECISIONS = {
	Outcome.ADOPTED: "adopted",
	Outcome.PARTLY_ADOPTED: "partly_adopted",
	Outcome.NOT_ADOPTED: "not_adopted",
}
CLASSES = {rules.CLASS_A: "class_a", rules.CLASS_B: "class_b", rules.CLASS_C: "class_c"}
SATISFACTION = {
	"Satisfied": "satisfied",
	"Basically Satisfied": "basically_satisfied",
	"Not Satisfied": "not_satisfied",
}
MEETING_QUARTER = "extract(quarter from `tabConsultation Meeting`.`start`)"


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return columns(filters), statistics_rows(filters)


def statistics_rows(filters) -> list[dict]:
	year = reports.year_of(filters)
	group_by = filters.get("group_by") or ROOM
	rooms = {r.name: r for r in reports.visible_rooms(filters)}
	scope = [["room", "in", list(rooms) or [""]]] if filters.get("level") or filters.get("room") else []

	def key_of(room, quarter=None, category=None):
		if room not in rooms and scope:
			return None
		if group_by == LEVEL:
			return rooms[room].level if room in rooms else None
		if group_by == QUARTER:
			return quarter
		if group_by == CATEGORY:
			return category or ""
		return room

	table: dict = {}

	def add(key, field, value):
		if key is None or not value:
			return
		row = table.setdefault(key, {})
		row[field] = row.get(field, 0) + value

	# activities and 人次 (a meeting counts under each subject category on its agenda)
	held = reports.held_meeting_filters(year) + scope
	present = [reports.ATTENDEE, "attendance", "=", reports.PRESENT]
	if group_by == CATEGORY:
		agenda = [reports.AGENDA, "topic", "is", "set"]
		per_topic = reports.grouped(
			reports.MEETING,
			{"topic": f"`tab{reports.AGENDA}`.`topic`"},
			{"n": "count(distinct `tabConsultation Meeting`.`name`)"},
			[*held, agenda],
		)
		attended = reports.grouped(
			reports.MEETING,
			{"topic": f"`tab{reports.AGENDA}`.`topic`"},
			{"n": f"count(distinct `tab{reports.ATTENDEE}`.`name`)"},
			[*held, agenda, present],
		)
		topics = {r.topic for r in per_topic}
		category = dict(
			frappe.get_list(
				reports.TOPIC,
				fields=["name", "subject_category"],
				filters=[["name", "in", list(topics) or [""]]],
				as_list=True,
				limit_page_length=0,
			)
		)
		for r in per_topic:
			add(category.get(r.topic) or "", "activities", r.n)
		for r in attended:
			add(category.get(r.topic) or "", "attendance", r.n)
	else:
		for field, measure, extra in (
			("activities", "count(`tabConsultation Meeting`.`name`)", []),
			("attendance", f"count(`tab{reports.ATTENDEE}`.`name`)", [present]),
		):
			for r in reports.grouped(
				reports.MEETING,
				{"room": "`tabConsultation Meeting`.`room`", "quarter": MEETING_QUARTER},
				{"n": measure},
				[*held, *extra],
			):
				add(key_of(r.room, f"Q{r.quarter}"), field, r.n)

	# topics collected (not drafts), by source; accepted and not accepted
	for r in reports.grouped(
		reports.TOPIC,
		{
			"room": "room",
			"quarter": "quarter",
			"category": "subject_category",
			"source": "source",
			"state": "workflow_state",
		},
		{"n": "count(`tabConsultation Topic`.`name`)"},
		[["year", "=", year], ["workflow_state", "!=", Topic.DRAFT], *scope],
	):
		key = key_of(r.room, r.quarter, r.category)
		add(key, "topics_collected", r.n)
		if r.source in SOURCES:
			add(key, SOURCES[r.source], r.n)
		if r.state in Topic.APPROVED_OR_LATER:
			add(key, "accepted", r.n)
		elif r.state == Topic.NOT_ACCEPTED:
			add(key, "not_accepted", r.n)

	# outcomes of the year's topics: decisions, classes, results, satisfaction
	for r in reports.grouped(
		reports.OUTCOME,
		{
			"room": "room",
			"topic_year": "topic.year",
			"quarter": "topic.quarter",
			"category": "topic.subject_category",
			"state": "workflow_state",
			"decision": "adoption_decision",
			"handling_class": "handling_class",
			"satisfaction": "satisfaction",
		},
		{
			"n": "count(`tabConsultation Outcome`.`name`)",
			"problems": "sum(`tabConsultation Outcome`.`problems_solved`)",
			"funds": "sum(`tabConsultation Outcome`.`funds_secured`)",
			"people": "sum(`tabConsultation Outcome`.`people_benefited`)",
		},
		scope,
	):
		if r.topic_year != year:
			continue
		key = key_of(r.room, r.quarter, r.category)
		add(key, "outcomes", r.n)
		if r.decision in DECISIONS:
			add(key, DECISIONS[r.decision], r.n)
		if r.handling_class in CLASSES:
			add(key, CLASSES[r.handling_class], r.n)
		if rules.counts_as_implemented(r.state, r.decision, r.handling_class):
			add(key, "implemented", r.n)
		add(key, "problems_solved", int(r.problems or 0))
		add(key, "funds_secured", float(r.funds or 0))
		add(key, "people_benefited", int(r.people or 0))
		if r.satisfaction in SATISFACTION:
			add(key, SATISFACTION[r.satisfaction], r.n)

	if group_by == ROOM:
		keys = list(rooms)
		keys += sorted(k for k in table if k not in rooms)
	else:
		keys = sorted(table)
	numeric = [c["fieldname"] for c in columns(filters)[1:]]
	out = []
	for key in keys:
		row = {field: table.get(key, {}).get(field, 0) for field in numeric}
		row["funds_secured"] = float(row["funds_secured"])
		row["group"] = key if group_by == ROOM else (_(key) if key else _("Not Set"))
		out.append(row)
	return out


def columns(filters) -> list[dict]:
	group_by = filters.get("group_by") or ROOM
	first = {"fieldname": "group", "label": _(group_by), "width": 180}
	first.update(
		{"fieldtype": "Link", "options": "Consultation Room"} if group_by == ROOM else {"fieldtype": "Data"}
	)

	def n(fieldname, label, width=90, fieldtype="Int"):
		return {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width}

	return [
		first,
		n("activities", _("Activities Held")),
		n("attendance", _("Attendance (Person-times)"), 110),
		n("topics_collected", _("Topics Collected")),
		n("src_residents", _("From Residents")),
		n("src_members", _("From Members")),
		n("src_leaders", _("From Leaders")),
		n("src_public_call", _("From Public Calls")),
		n("src_proposal", _("From Proposals and Social Conditions Reports"), 120),
		n("accepted", _("Topics Accepted")),
		n("not_accepted", _("Topics Not Accepted")),
		n("outcomes", _("Outcomes")),
		n("adopted", _("Adopted")),
		n("partly_adopted", _("Partly Adopted")),
		n("not_adopted", _("Not Adopted")),
		n("class_a", _("Class A")),
		n("class_b", _("Class B")),
		n("class_c", _("Class C")),
		n("implemented", _(Outcome.IMPLEMENTED)),  # the label is the state's name
		n("problems_solved", _("Problems Solved")),
		n("funds_secured", _("Funds Secured"), 100, "Float"),
		n("people_benefited", _("People Benefited"), 100),
		n("satisfied", _("Satisfied")),
		n("basically_satisfied", _("Basically Satisfied")),
		n("not_satisfied", _("Not Satisfied")),
	]
