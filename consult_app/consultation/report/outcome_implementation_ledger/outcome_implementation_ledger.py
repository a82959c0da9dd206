"""Outcome Implementation Ledger 成果落实台账: every adopted outcome with who handles it, by when, how far it
has come and how many days it is overdue — what handling units still owe (Experience Reports, report 1:
交、督、复; Yancheng Norms art. 21). Figures: consult_app/reports.py."""

from __future__ import annotations

import frappe
from frappe import _

from consult_app import reports, rules
from consult_app.process.states import Outcome

PROGRESS = "Consultation Outcome Progress"


def execute(filters=None):
	filters = frappe._dict(filters or {})
	return columns(), ledger_rows(filters)


def outcome_filters(filters) -> list:
	"""Adopted outcomes (in full or in part) under the report's filters."""
	out = [["adoption_decision", "in", Outcome.ADOPTED_STATES], *reports.linked_room_filters(filters)]
	for field in ("handling_unit", "handling_class", "workflow_state"):
		if filters.get(field):
			out.append([field, "=", filters.get(field)])
	if filters.get("open_only"):
		out.append(["workflow_state", "in", Outcome.OPEN])
	if filters.get("overdue_only"):
		out += [["workflow_state", "in", Outcome.OPEN], ["due_date", "<", reports.today()]]
	return out


def ledger_rows(filters) -> list[dict]:
	"""Two queries: the outcomes, and the date of each one's latest progress entry (GROUP BY)."""
	where = outcome_filters(filters)
	outcomes = frappe.get_list(
		reports.OUTCOME,
		fields=[
			"name",
			"title",
			"room",
			"topic",
			"handling_class",
			"handling_unit",
			"responsible_person",
			"due_date",
			"percent_complete",
			"workflow_state",
		],
		filters=where,
		order_by="due_date asc, name asc",
		limit_page_length=0,
	)
	# the progress rows of those outcomes, read as the user (the app's child rows follow their parent)
	last = frappe.get_list(
		PROGRESS,
		parent_doctype=reports.OUTCOME,
		fields=["parent as outcome", "max(progress_date) as last"],
		filters=[["parent", "in", [o.name for o in outcomes] or [""]], ["parenttype", "=", reports.OUTCOME]],
		group_by="parent",
		order_by="",
		limit_page_length=0,
	)
	last_progress = {row.outcome: row.last for row in last}
	today = reports.today()
	rows = []
	for o in outcomes:
		open_ = o.workflow_state in Outcome.OPEN
		rows.append(
			{
				"outcome": o.name,
				"title": o.title,
				"room": o.room,
				"topic": o.topic,
				"handling_class": _(o.handling_class) if o.handling_class else None,
				"handling_unit": o.handling_unit,
				"responsible_person": o.responsible_person,
				"due_date": o.due_date,
				"percent_complete": o.percent_complete or 0,
				"last_progress_on": last_progress.get(o.name),
				"state": _(o.workflow_state) if o.workflow_state else None,
				"days_overdue": rules.days_overdue(o.due_date, today) if open_ else 0,
			}
		)
	return rows


def columns() -> list[dict]:
	return [
		{
			"fieldname": "outcome",
			"label": _("Outcome"),
			"fieldtype": "Link",
			"options": "Consultation Outcome",
			"width": 140,
		},
		{"fieldname": "title", "label": _("Title"), "fieldtype": "Data", "width": 200},
		{
			"fieldname": "room",
			"label": _("Room"),
			"fieldtype": "Link",
			"options": "Consultation Room",
			"width": 160,
		},
		{
			"fieldname": "topic",
			"label": _("Topic"),
			"fieldtype": "Link",
			"options": "Consultation Topic",
			"width": 140,
		},
		{"fieldname": "handling_class", "label": _("Handling Class"), "fieldtype": "Data", "width": 150},
		{
			"fieldname": "handling_unit",
			"label": _("Handling Unit"),
			"fieldtype": "Link",
			"options": "Consultation Handling Unit",
			"width": 140,
		},
		{
			"fieldname": "responsible_person",
			"label": _("Responsible Person"),
			"fieldtype": "Data",
			"width": 100,
		},
		{"fieldname": "due_date", "label": _("Due Date"), "fieldtype": "Date", "width": 100},
		{
			"fieldname": "percent_complete",
			"label": _("Percent Complete"),
			"fieldtype": "Percent",
			"width": 100,
		},
		{"fieldname": "last_progress_on", "label": _("Last Progress On"), "fieldtype": "Date", "width": 100},
		{"fieldname": "state", "label": _("State"), "fieldtype": "Data", "width": 110},
		{"fieldname": "days_overdue", "label": _("Days Overdue"), "fieldtype": "Int", "width": 90},
	]
