"""Topic collection around the quarterly cycle (seed 000) and the public notice of topics."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today

from consult_app import mail, rules
from consult_app.checks import settings

PUBLICIZED = "Publicized"


def remind_collection_deadline(on_date=None) -> list[str]:
	"""Seed 000: candidates are pooled by the deadline day of the quarter's first month. On the day
	`reminder_days` before that deadline, each active room's secretaries get an email. Returns the rooms
	reminded."""
	day = getdate(on_date or today())
	s = settings()
	deadline = rules.collection_deadline(day.year, rules.quarter_of(day), s.collection_deadline_day)
	if add_days(deadline, -(s.reminder_days or 0)) != day:
		return []
	reminded = []
	for room in frappe.get_all("Consultation Room", filters={"active": 1}, pluck="name"):
		secretaries = frappe.get_all(
			"Consultation Room Secretary",
			filters={"parent": room, "parenttype": "Consultation Room"},
			pluck="user",
		)
		if not secretaries:
			continue
		mail.send(
			recipients=secretaries,
			subject=_("Topic collection for {0} closes on {1}").format(room, deadline.isoformat()),
			message=_(
				"Please pool the room's candidate topics (residents, members, leaders, public calls) by {0}, "
				"so that members can shortlist at most {1} and the party committee fix at most {2}."
			).format(deadline.isoformat(), s.shortlist_count, s.final_count),
			reference_doctype="Consultation Room",
			reference_name=room,
		)
		reminded.append(room)
	return reminded


def public_notices() -> list[dict]:
	"""Topics under publicity, with only the fields meant for the public (no proposer, no phone)."""
	return frappe.get_all(
		"Consultation Topic",
		filters={"workflow_state": PUBLICIZED},
		fields=["name", "title", "room", "description", "publicity_start", "earliest_meeting_date"],
		order_by="publicity_start desc",
	)
