"""Topic collection around the quarterly cycle (Gaosuntang Plan III.2): candidates are pooled by the
deadline day of each quarter's first month; room secretaries are reminded before it."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import add_days, getdate, today

from consult_app import mail, rules
from consult_app.access.rooms import secretaries_by_room
from consult_app.consultation.doctype.consultation_settings.consultation_settings import get_settings

ROOM = "Consultation Room"


def remind_collection_deadline(on_date=None) -> list[str]:
	"""On the day `reminder_days` before the quarter's collection deadline, each active room's secretaries
	get an email, once: the room row is locked and marked with the deadline it was reminded of, so two
	schedulers running the job at the same time send one reminder. Returns the rooms reminded."""
	day = getdate(on_date or today())
	s = get_settings()
	deadline = rules.collection_deadline(day.year, rules.quarter_of(day), s.collection_deadline_day)
	if add_days(deadline, -(s.reminder_days or 0)) != day:
		return []
	reminded = []
	rooms = frappe.get_all(ROOM, filters={"active": 1}, pluck="name", order_by="name asc")
	secretaries_of = secretaries_by_room(rooms)  # one query for all rooms, not one per room
	for room in rooms:
		secretaries = secretaries_of.get(room)
		if not secretaries:
			continue
		done = frappe.db.get_value(ROOM, room, "collection_reminded_for", for_update=True)
		if done and getdate(done) == deadline:
			continue
		mail.send(
			recipients=secretaries,
			subject=_("Topic collection for {0} closes on {1}").format(room, deadline.isoformat()),
			message=_(
				"Please pool the room's candidate topics (residents, members, leaders, public calls) by {0}, "
				"so that members can shortlist at most {1} and the party committee fix at most {2}."
			).format(deadline.isoformat(), s.shortlist_count, s.final_count),
			reference_doctype=ROOM,
			reference_name=room,
		)
		frappe.db.set_value(ROOM, room, "collection_reminded_for", deadline, update_modified=False)
		reminded.append(room)
	return reminded
