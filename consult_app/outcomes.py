"""Consultation outcomes beyond one document: drafting them from a meeting, the daily overdue check
(seed 002 交督复 — 督), closing the topic, and the public echo wall (回音壁, seed 002).

The outcome's own rules live in its controller (consultation_outcome.py); the pure rules in
consult_app.rules.
"""

from __future__ import annotations

from contextlib import contextmanager

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as assign_to
from frappe.model.workflow import apply_workflow, get_transitions
from frappe.utils import escape_html, getdate, today

from consult_app import mail, rules
from consult_app.checks import settings
from consult_app.exceptions import MeetingNotSubmittedError

OUTCOME = "Consultation Outcome"
TOPIC = "Consultation Topic"
CONSULTED = "Consulted"
CONCLUDE = "Conclude"
MANAGER_ROLE = "Consultation Manager"

# -- 1. drafting outcomes from a meeting ---------------------------------------------------------


@frappe.whitelist()
def make_outcomes(meeting: str) -> list[str]:
	"""One Draft outcome per topic on the agenda of a submitted meeting (seed 003 art. 17). Topics that
	already have an outcome from this meeting keep it. Returns the outcomes of the agenda's topics."""
	doc = frappe.get_doc("Consultation Meeting", meeting)
	doc.check_permission("read")
	frappe.has_permission(OUTCOME, "create", throw=True)
	if doc.docstatus != 1:
		frappe.throw(
			_(
				"Meeting {0} has not been submitted. Submit the meeting record first, then draft its outcomes."
			).format(doc.name),
			MeetingNotSubmittedError,
		)
	content = (doc.consensus or doc.minutes or "").strip()
	host = frappe.db.get_value("Consultation Room", doc.room, "host_organisation")
	names = []
	for row in doc.agenda:
		existing = frappe.db.get_value(OUTCOME, {"meeting": doc.name, "topic": row.topic})
		if existing:
			names.append(existing)
			continue
		title = row.topic_title or frappe.db.get_value(TOPIC, row.topic, "title")
		outcome = frappe.get_doc(
			{
				"doctype": OUTCOME,
				"title": _("Consultation suggestions on {0}").format(title),
				"outcome_type": "Consultation Suggestion",
				"meeting": doc.name,
				"topic": row.topic,
				"content": content or _("To be drafted from the record of meeting {0}.").format(doc.name),
				"recipients": [{"recipient_type": "Party Committee", "recipient_name": host}] if host else [],
			}
		).insert()
		names.append(outcome.name)
	return names


# -- 2. the daily overdue check -------------------------------------------------------------------


def flag_overdue_outcomes(on_date=None) -> list[str]:
	"""Seed 002 交督复 — 督: every day, each outcome still being handled after its due date is flagged to
	its handling unit's users and to the room's secretaries (the supervising office): an email and a ToDo.
	Overdue for more than Settings.overdue_escalation_days, it is also escalated to the Consultation
	Managers. An outcome is flagged at most once a day (last_overdue_notice_on), and a user who already
	has an open ToDo for it gets no second one. Returns the outcomes flagged."""
	day = getdate(on_date or today())
	escalation_days = settings().overdue_escalation_days
	candidates = frappe.get_all(
		OUTCOME,
		filters={"workflow_state": ("in", rules.OUTCOME_OPEN_STATES), "due_date": ("<", day)},
		fields=[
			"name",
			"title",
			"room",
			"handling_unit",
			"due_date",
			"workflow_state",
			"last_overdue_notice_on",
		],
		order_by="due_date asc",
	)
	flagged = []
	for o in candidates:
		if not rules.is_overdue(o.due_date, day, o.workflow_state):
			continue
		if not rules.notice_due(o.last_overdue_notice_on, day):
			continue
		late = rules.days_overdue(o.due_date, day)
		users = handling_unit_users(o.handling_unit) + room_secretaries(o.room)
		unit_email = frappe.db.get_value("Consultation Handling Unit", o.handling_unit, "email")
		notify(
			o,
			recipients=unique(users + ([unit_email] if unit_email else [])),
			assignees=unique(users),
			subject=_("Overdue consultation outcome: {0}").format(o.title),
			message=_(
				'The consultation outcome {0} "{1}" assigned to {2} was due on {3} and is {4} day(s) overdue. '
				"Please report its progress, or mark it implemented, as soon as possible."
			).format(o.name, o.title, o.handling_unit, o.due_date, late),
		)
		if rules.escalates(o.due_date, day, escalation_days):
			managers = consultation_managers()
			notify(
				o,
				recipients=managers,
				assignees=managers,
				subject=_("Escalated: consultation outcome {0} is {1} days overdue").format(o.title, late),
				message=_(
					'The consultation outcome {0} "{1}" assigned to {2} was due on {3} and is {4} day(s) '
					"overdue, more than the {5} days after which overdue outcomes are escalated. "
					"Please supervise its handling."
				).format(o.name, o.title, o.handling_unit, o.due_date, late, escalation_days),
			)
		frappe.db.set_value(OUTCOME, o.name, "last_overdue_notice_on", day, update_modified=False)
		flagged.append(o.name)
	return flagged


def notify(outcome, recipients: list[str], assignees: list[str], subject: str, message: str) -> None:
	if recipients:
		mail.send(
			recipients=recipients,
			subject=subject,
			message=escape_html(message),
			reference_doctype=OUTCOME,
			reference_name=outcome.name,
		)
	if assignees:
		assign_to(
			{"doctype": OUTCOME, "name": outcome.name, "assign_to": assignees, "description": message},
			ignore_permissions=True,
		)


def handling_unit_users(unit: str | None) -> list[str]:
	if not unit:
		return []
	return frappe.get_all(
		"Consultation Handling Unit User",
		filters={"parent": unit, "parenttype": "Consultation Handling Unit"},
		pluck="user",
		order_by="idx asc",
	)


def room_secretaries(room: str | None) -> list[str]:
	if not room:
		return []
	return frappe.get_all(
		"Consultation Room Secretary",
		filters={"parent": room, "parenttype": "Consultation Room"},
		pluck="user",
		order_by="idx asc",
	)


def consultation_managers() -> list[str]:
	holders = frappe.get_all(
		"Has Role", filters={"role": MANAGER_ROLE, "parenttype": "User"}, pluck="parent", distinct=True
	)
	holders = [h for h in holders if h not in ("Administrator", "Guest")]
	if not holders:
		return []
	return frappe.get_all(
		"User",
		filters={"name": ("in", holders), "enabled": 1, "user_type": "System User"},
		pluck="name",
		order_by="name asc",
	)


def unique(values) -> list:
	return list(dict.fromkeys(v for v in values if v))


# -- 7. closing the topic ---------------------------------------------------------------------


def conclude_topic(topic_name: str) -> bool:
	"""Apply the topic workflow's "Conclude" once all its outcomes are evaluated. Works on a fresh copy of
	the topic. The evaluator may be a CPPCC member, who has no right to conclude a topic (only secretaries
	and managers have): closing the topic is then a consequence the system draws, not the member's
	action, so it is applied as Administrator (see as_system). Returns whether the topic was concluded."""
	topic = frappe.get_doc(TOPIC, topic_name)
	if topic.workflow_state != CONSULTED:
		return False
	if any(t.action == CONCLUDE for t in get_transitions(topic)):
		apply_workflow(topic, CONCLUDE)
	else:
		with as_system():
			apply_workflow(frappe.get_doc(TOPIC, topic_name), CONCLUDE)
	return True


@contextmanager
def as_system():
	"""Run a block as Administrator, then restore the acting user's whole session. frappe.set_user()
	replaces the session's sid and data (the CSRF token lives there) and the form dict, so they are saved
	and put back, not just the user name: the user's request continues unharmed."""
	session = frappe.local.session
	saved = dict(session)
	saved_form = frappe.local.form_dict
	frappe.set_user("Administrator")
	try:
		yield
	finally:
		frappe.set_user(saved["user"])
		session.update(saved)
		frappe.local.form_dict = saved_form


# -- 5. the echo wall 回音壁 ----------------------------------------------------------------------

# Public fields only: nothing about proposers, participants, phones or users.
PUBLIC_TOPIC_FIELDS = ["name", "title", "room", "source", "description", "workflow_state", "creation"]
PUBLIC_OUTCOME_FIELDS = [
	"name",
	"title",
	"topic",
	"meeting",
	"outcome_type",
	"workflow_state",
	"adoption_decision",
	"decided_on",
	"handling_unit",
	"due_date",
	"percent_complete",
	"funds_secured",
	"problems_solved",
	"people_benefited",
	"change_type",
	"results_note",
	"publish_feedback",
	"feedback_public_text",
	"feedback_sent_on",
]
IMPLEMENTED_STATES = ("Implemented", *rules.OUTCOME_FEEDBACK_STATES)


def echo_wall_items(topic: str | None = None) -> list[dict]:
	"""The published topics (publish_on_echo_wall) with their path — collected, consulted, decided,
	implemented, fed back — for the public echo wall (seed 002). Built from explicit field lists; free
	text is cleared of phone numbers; feedback is shown only when the outcome publishes it and feedback
	has been given. `topic` narrows to one published topic (empty list when it is not published)."""
	filters = {"publish_on_echo_wall": 1}
	if topic:
		filters["name"] = topic
	topics = frappe.get_all(TOPIC, filters=filters, fields=PUBLIC_TOPIC_FIELDS, order_by="creation desc")
	return [public_topic(t) for t in topics]


def public_topic(t) -> dict:
	outcomes = frappe.get_all(
		OUTCOME,
		filters={"topic": t.name, "workflow_state": ("not in", ("Draft", "Reviewed"))},
		fields=PUBLIC_OUTCOME_FIELDS,
		order_by="creation asc",
	)
	meeting_dates = consulted_on(t.name, [o.meeting for o in outcomes])
	public_outcomes = [public_outcome(o) for o in outcomes]
	implemented = [o for o in public_outcomes if o["implemented"]]
	feedback = [o for o in public_outcomes if o["feedback"]]
	decided = [o for o in public_outcomes if o["decision"]]
	return {
		"name": t.name,
		"title": t.title,
		"room": t.room,
		"source": t.source,
		"description": rules.mask_phone_numbers(t.description),
		"concluded": t.workflow_state == "Concluded",
		"collected_on": getdate(t.creation),
		"consulted_on": meeting_dates[0] if meeting_dates else None,
		"outcomes": public_outcomes,
		"percent": round(sum(o["percent"] for o in public_outcomes) / len(public_outcomes))
		if public_outcomes
		else 0,
		"steps": [
			{"key": "collected", "label": _("Collected"), "done": True},
			{"key": "consulted", "label": _("Consulted"), "done": bool(meeting_dates)},
			{"key": "decided", "label": _("Decided"), "done": bool(decided)},
			{"key": "implemented", "label": _("Implemented"), "done": bool(implemented)},
			{"key": "feedback", "label": _("Feedback"), "done": bool(feedback)},
		],
	}


def public_outcome(o) -> dict:
	show_feedback = bool(o.publish_feedback) and o.workflow_state in rules.OUTCOME_FEEDBACK_STATES
	return {
		"name": o.name,
		"title": o.title,
		"outcome_type": o.outcome_type,
		"state": o.workflow_state,
		"decision": o.adoption_decision,
		"decided_on": o.decided_on,
		"handling_unit": o.handling_unit,
		"due_date": o.due_date,
		"percent": int(o.percent_complete or 0),
		"implemented": o.workflow_state in IMPLEMENTED_STATES,
		"funds_secured": o.funds_secured or 0,
		"problems_solved": o.problems_solved or 0,
		"people_benefited": o.people_benefited or 0,
		"change_type": o.change_type,
		"results_note": rules.mask_phone_numbers(o.results_note),
		"feedback": rules.mask_phone_numbers(o.feedback_public_text) if show_feedback else "",
		"feedback_on": getdate(o.feedback_sent_on) if show_feedback and o.feedback_sent_on else None,
	}


def consulted_on(topic: str, meetings: list[str | None]) -> list:
	"""Dates of the submitted meetings that consulted the topic (from its outcomes or meeting agendas)."""
	on_agenda = frappe.get_all(
		"Consultation Meeting Topic",
		filters={"topic": topic, "parenttype": "Consultation Meeting"},
		pluck="parent",
	)
	names = unique([*meetings, *on_agenda])
	if not names:
		return []
	starts = frappe.get_all(
		"Consultation Meeting",
		filters={"name": ("in", names), "docstatus": 1},
		pluck="start",
		order_by="start asc",
	)
	return [getdate(s) for s in starts]
