"""督 of 交督复 (Experience Reports, "交、督、复" tracking): every day, outcomes still being handled past their
due date are flagged to those who owe them, and escalated to the consultation office when late for long."""

from __future__ import annotations

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as assign_to
from frappe.utils import escape_html, getdate, today

from consult_app import mail, rules
from consult_app.access.invitations import users_by_handling_unit
from consult_app.access.roles import MANAGER, users_with_role
from consult_app.access.rooms import secretaries_by_room
from consult_app.consultation.doctype.consultation_settings.consultation_settings import get_settings
from consult_app.process.states import Outcome

OUTCOME = Outcome.DOCTYPE


def flag_overdue_outcomes(on_date=None) -> list[str]:
	"""Experience Reports 交督复 — 督: every day, each outcome still being handled after its due date is flagged to
	its handling unit's users and to the room's secretaries (the supervising office): an email and a ToDo.
	Overdue for more than Settings.overdue_escalation_days, it is also escalated to the Consultation
	Managers. An outcome is flagged at most once a day (last_overdue_notice_on), and a user who already
	has an open ToDo for it gets no second one. Returns the outcomes flagged.

	Its queries grow with the outcomes flagged, not with the outcomes that are not overdue: one query
	finds the candidates (indexed on workflow_state and due_date), one each reads the users and emails of
	their handling units, their rooms' secretaries and the managers; then per flagged outcome the row lock,
	the mark and the notifications."""
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
	recipients = Recipients(candidates)
	for o in candidates:
		if not rules.is_overdue(o.due_date, day, o.workflow_state):
			continue
		# two schedulers at once: the row lock makes the second see the first one's mark and skip
		last = frappe.db.get_value(OUTCOME, o.name, "last_overdue_notice_on", for_update=True)
		if not rules.notice_due(last, day):
			continue
		late = rules.days_overdue(o.due_date, day)
		users = recipients.unit_users.get(o.handling_unit, []) + recipients.secretaries.get(o.room, [])
		unit_email = recipients.unit_emails.get(o.handling_unit)
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
			managers = recipients.managers()
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


class Recipients:
	"""Who is told about the candidates, read once for all of them (no query per outcome)."""

	def __init__(self, candidates):
		units = list({o.handling_unit for o in candidates if o.handling_unit})
		rooms = list({o.room for o in candidates if o.room})
		self.unit_users = users_by_handling_unit(units)
		self.secretaries = secretaries_by_room(rooms)
		self.unit_emails = (
			dict(
				frappe.get_all(
					"Consultation Handling Unit",
					filters={"name": ("in", units)},
					fields=["name", "email"],
					as_list=True,
				)
			)
			if units
			else {}
		)
		self._managers = None

	def managers(self) -> list[str]:
		if self._managers is None:
			self._managers = users_with_role(MANAGER)
		return self._managers


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
