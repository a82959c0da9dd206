"""Member Participation Score 委员履职积分: what each participant did in the year — topics proposed, research
teams joined, meetings attended, opinions given, outcomes evaluated — with the points the Settings give each
item, a total and a rank (Gaosuntang Plan IV.2: members' participation scored; Yancheng Norms art. 26).
Each count opens the list of the records behind it. Figures: consult_app/reports.py."""

from __future__ import annotations

import frappe
from frappe import _

from consult_app import reports
from consult_app.process.states import Topic

# item -> (column label, Settings weight)
ITEMS = {
	"topics_proposed": ("Topics Proposed", "score_topic_proposed"),
	"research_joined": ("Research Teams Joined", "score_research"),
	"meetings_attended": ("Meetings Attended", "score_attendance"),
	"opinions_given": ("Opinions Given", "score_opinion"),
	"evaluations_made": ("Evaluations Made", "score_evaluation"),
}


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return columns(), score_rows(filters)


def participant_filters(filters) -> list:
	out = [*reports.linked_room_filters(filters)]
	category = filters.get("category")
	if category is None or category == reports.CPPCC_MEMBERS:
		out.append(["category", "in", reports.MEMBER_CATEGORIES])
	elif category:
		out.append(["category", "=", category])
	return out


def counts(year: int) -> dict[str, dict]:
	"""Per item, participant -> count in the year: five grouped queries."""
	held = reports.held_meeting_filters(year)
	topics = reports.grouped(
		reports.TOPIC,
		{"participant": "proposer"},
		{"n": "count(`tabConsultation Topic`.`name`)"},
		[["year", "=", year], ["proposer", "is", "set"], ["workflow_state", "!=", Topic.DRAFT]],
	)
	research = reports.grouped(
		reports.RESEARCH,
		{"participant": f"`tab{reports.TEAM}`.`participant`"},
		{"n": "count(distinct `tabConsultation Research`.`name`)"},
		[["start_date", "between", reports.year_range(year)], [reports.TEAM, "participant", "is", "set"]],
	)
	attended = reports.grouped(
		reports.MEETING,
		{"participant": f"`tab{reports.ATTENDEE}`.`participant`"},
		{"n": "count(distinct `tabConsultation Meeting`.`name`)"},
		[*held, [reports.ATTENDEE, "attendance", "=", reports.PRESENT]],
	)
	opinions = reports.grouped(
		reports.MEETING,
		{"participant": f"`tab{reports.OPINION}`.`speaker`"},
		{"n": f"count(`tab{reports.OPINION}`.`name`)"},
		[*held, [reports.OPINION, "speaker", "is", "set"]],
	)
	# evaluations are recorded by user (Consultation Outcome.evaluated_by)
	evaluations = reports.grouped(
		reports.OUTCOME,
		{"user": "evaluated_by", "topic_year": "topic.year"},
		{"n": "count(`tabConsultation Outcome`.`name`)"},
		[["evaluated_by", "is", "set"]],
	)
	return {
		"topics_proposed": {r.participant: r.n for r in topics},
		"research_joined": {r.participant: r.n for r in research},
		"meetings_attended": {r.participant: r.n for r in attended},
		"opinions_given": {r.participant: r.n for r in opinions},
		"evaluations_made": reports.as_int(
			reports.tally([r for r in evaluations if r.topic_year == year], lambda r: r.user)
		),
	}


def score_rows(filters) -> list[dict]:
	year = reports.year_of(filters)
	settings = reports.get_settings()
	participants = frappe.get_list(
		reports.PARTICIPANT,
		fields=["name", "full_name", "category", "room", "user"],
		filters=participant_filters(filters),
		order_by="full_name asc",
		limit_page_length=0,
	)
	by_item = counts(year)
	rows = []
	for p in participants:
		row = {
			"participant": p.name,
			"full_name": p.full_name,
			"category": _(p.category) if p.category else None,
			"room": p.room,
			"user": p.user,
			"year": year,
		}
		total = 0.0
		for item, (_label, weight) in ITEMS.items():
			key = p.user if item == "evaluations_made" else p.name
			n = int(by_item[item].get(key, 0)) if key else 0
			points = n * float(settings.get(weight) or 0)
			row[item] = n
			row[f"{item}_points"] = points
			total += points
		row["total"] = total
		rows.append(row)
	rows.sort(key=lambda r: (-r["total"], r["full_name"] or ""))
	reports.rank_within(rows, "total")
	return rows


def columns() -> list[dict]:
	out = [
		{
			"fieldname": "participant",
			"label": _("Participant"),
			"fieldtype": "Link",
			"options": "Consultation Participant",
			"width": 120,
		},
		{"fieldname": "full_name", "label": _("Full Name"), "fieldtype": "Data", "width": 100},
		{"fieldname": "category", "label": _("Category"), "fieldtype": "Data", "width": 120},
		{
			"fieldname": "room",
			"label": _("Room"),
			"fieldtype": "Link",
			"options": "Consultation Room",
			"width": 150,
		},
	]
	for item, (label, _weight) in ITEMS.items():
		out.append({"fieldname": item, "label": _(label), "fieldtype": "Int", "width": 90})
		out.append(
			{
				"fieldname": f"{item}_points",
				"label": _("{0} Points").format(_(label)),
				"fieldtype": "Float",
				"width": 90,
			}
		)
	out.append({"fieldname": "total", "label": _("Total Points"), "fieldtype": "Float", "width": 90})
	out.append({"fieldname": "rank", "label": _("Rank"), "fieldtype": "Int", "width": 70})
	return out
