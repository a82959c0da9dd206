"""督 of 交督复 (Experience Reports, "交、督、复" tracking): every day, outcomes still being handled past their
due date are flagged to those who owe them, and escalated to the consultation office when late for long."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as assign_to
from frappe.utils import escape_html, getdate, today

from consult_app import mail, rules
from consult_app.access.invitations import handling_unit_users
from consult_app.access.roles import MANAGER, users_with_role
from consult_app.access.rooms import room_secretaries
from consult_app.consultation.doctype.consultation_settings.consultation_settings import get_settings
from consult_app.process.states import Outcome

OUTCOME = Outcome.DOCTYPE


def flag_overdue_outcomes(on_date=None) -> list[str]:
	"""Experience Reports 交督复 — 督: every day, each outcome still being handled after its due date is flagged to
	its handling unit's users and to the room's secretaries (the supervising office): an email and a ToDo.
	Overdue for more than Settings.overdue_escalation_days, it is also escalated to the Consultation
	Managers. An outcome is flagged at most once a day (last_overdue_notice_on), and a user who already
	has an open ToDo for it gets no second one. Returns the outcomes flagged."""
	day = getdate(on_date or today())
	escalation_days = get_settings().overdue_escalation_days
	candidates = frappe.get_all(
		OUTCOME,
		filters={"workflow_state": ("in", Outcome.OPEN), "due_date": ("<", day)},
		or_filters=[["last_overdue_notice_on", "is", "not set"], ["last_overdue_notice_on", "<", day]],
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
		# two schedulers at once: the row lock makes the second see the first one's mark and skip
		last = frappe.db.get_value(OUTCOME, o.name, "last_overdue_notice_on", for_update=True)
		if not rules.notice_due(last, day):
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
			managers = users_with_role(MANAGER)
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


def unique(values) -> list:
	return list(dict.fromkeys(v for v in values if v))
