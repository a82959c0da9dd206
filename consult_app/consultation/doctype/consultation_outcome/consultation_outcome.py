# Copyright (c) 2026, consult_app developers and contributors
# For license information, please see license.txt

"""A consultation outcome from submission to evaluation (Yancheng Norms art. 17–21, Experience Reports 交督复).

The workflow (consultation/workflow/consultation_outcome_workflow) says who moves an outcome; this
controller says what each step needs. Side effects of a step (feedback mail, closing the topic) run in
on_update, after the outcome itself has been saved, within the same transaction: a failure rolls back
the whole step.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from consult_app import rules
from consult_app.access.workflow_guard import check_state_allows_edit
from consult_app.checks import check_percent
from consult_app.exceptions import (
	DueDateBeforeMeetingError,
	FeedbackMissingError,
	FeedbackNotAllowedError,
	MeetingNotSubmittedError,
	OutcomeWithoutConsultationError,
	ProgressBackwardsError,
)
from consult_app.process import steps
from consult_app.process.states import Outcome
from consult_app.utils import label

# States in which the feedback may be marked for publication on the echo wall.


class ConsultationOutcome(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from consult_app.consultation.doctype.consultation_outcome_progress.consultation_outcome_progress import (
			ConsultationOutcomeProgress,
		)
		from consult_app.consultation.doctype.consultation_outcome_recipient.consultation_outcome_recipient import (
			ConsultationOutcomeRecipient,
		)
		from consult_app.consultation.doctype.consultation_supervision_entry.consultation_supervision_entry import (
			ConsultationSupervisionEntry,
		)

		adoption_decision: DF.Literal["", "Adopted", "Partly Adopted", "Not Adopted"]
		adoption_reason: DF.SmallText | None
		change_type: DF.Literal["", "Decision", "Livelihood Project", "Governance Change"]
		content: DF.Text
		decided_on: DF.Date | None
		due_date: DF.Date | None
		evaluation_comment: DF.SmallText | None
		feedback_public_text: DF.Text | None
		feedback_sent_on: DF.Datetime | None
		feedback_to_participants: DF.Text | None
		funds_secured: DF.Float
		handling_unit: DF.Link | None
		last_overdue_notice_on: DF.Date | None
		meeting: DF.Link | None
		outcome_type: DF.Literal[
			"Consultation Suggestion", "Minutes", "Social Conditions Information", "Proposal"
		]
		people_benefited: DF.Int
		percent_complete: DF.Percent
		problems_solved: DF.Int
		progress: DF.Table[ConsultationOutcomeProgress]
		publish_feedback: DF.Check
		recipients: DF.Table[ConsultationOutcomeRecipient]
		responsible_person: DF.Data | None
		results_note: DF.SmallText | None
		room: DF.Link | None
		satisfaction: DF.Literal["", "Satisfied", "Basically Satisfied", "Not Satisfied"]
		supervision: DF.Table[ConsultationSupervisionEntry]
		title: DF.Data
		topic: DF.Link
		workflow_state: DF.Link | None

	# end: auto-generated types
	def validate(self):
		check_state_allows_edit(self)
		self.set_room()
		self.check_consulted()
		self.check_progress_percentages()
		self.check_progress_not_backwards()
		self.set_percent_complete()
		self.check_due_date_after_meeting()
		steps.run(self)
		self.check_feedback_publication()

	def on_update(self):
		steps.run_after(self)

	# -- computed fields ------------------------------------------------------------------------

	def set_room(self):
		if self.topic and not self.room:
			self.room = frappe.db.get_value("Consultation Topic", self.topic, "room")

	def progress_in_order(self):
		return sorted(self.progress, key=lambda r: (str(r.progress_date or ""), r.idx))

	def set_percent_complete(self):
		rows = self.progress_in_order()
		self.percent_complete = rows[-1].percent if rows else 0

	# -- checks ---------------------------------------------------------------------------------

	def meeting_start(self):
		return frappe.db.get_value("Consultation Meeting", self.meeting, "start") if self.meeting else None

	def check_consulted(self):
		"""Yancheng Norms art. 17: outcomes are drawn up after a held meeting, from what it consulted. Every
		type of outcome — suggestions, minutes, social-conditions information, proposals — comes out of the
		consultation (Gaosuntang Plan III.4, Hai'an Plan II.5); research alone yields none: what it finds
		sensitive is reported to the party committee beforehand (Yancheng Norms art. 15), not as an outcome."""
		if not (self.is_new() or self.has_value_changed("meeting") or self.has_value_changed("topic")):
			return
		if not self.meeting or frappe.db.get_value("Consultation Meeting", self.meeting, "docstatus") != 1:
			frappe.throw(
				_(
					"An outcome comes from a held meeting: choose the submitted meeting that consulted the topic "
					"(or submit the meeting record first), then draft the outcome."
				),
				MeetingNotSubmittedError,
			)
		if not frappe.db.exists(
			"Consultation Meeting Topic",
			{"parent": self.meeting, "parenttype": "Consultation Meeting", "topic": self.topic},
		):
			frappe.throw(
				_("Meeting {0} did not consult topic {1}: it is not on the meeting's agenda.").format(
					self.meeting, self.topic
				),
				OutcomeWithoutConsultationError,
			)

	def check_progress_percentages(self):
		for row in self.progress:
			check_percent(row, "percent")

	def check_progress_not_backwards(self):
		"""Experience Reports 交督复: progress never goes backwards without a note explaining why."""
		rows = self.progress_in_order()
		for i in rules.progress_rows_going_back([(r.percent, r.note) for r in rows]):
			row, before = rows[i], rows[i - 1]
			frappe.throw(
				_(
					"Row {0}: progress goes back from {1}% to {2}% on {3}. Enter a progress note saying why, "
					"or correct the percentage."
				).format(row.idx, before.percent, row.percent, row.progress_date),
				ProgressBackwardsError,
				title=_("Progress goes backwards"),
			)

	def check_due_date_after_meeting(self):
		start = self.meeting_start()
		if rules.due_before_meeting(self.due_date, start):
			frappe.throw(
				_("{0} ({1}) is before the meeting of {2}. Enter a due date on or after the meeting.").format(
					label(self, "due_date"), self.due_date, getdate(start)
				),
				DueDateBeforeMeetingError,
				title=_("Due date before the meeting"),
			)

	def check_feedback_publication(self):
		"""Feedback is published on the echo wall only once it can be given (implemented, declined, or a class
		C outcome adopted: explained instead of implemented), and
		only through its public text, which is written for the public (no names, no phone numbers).
		Ticking "Publish on Echo Wall" earlier is refused rather than silently held back. (A published
		outcome reopened after evaluation keeps the tick; the echo wall shows its feedback again once new
		feedback has been given.)"""
		if not self.publish_feedback:
			return
		before = self.get_doc_before_save()
		newly_ticked = not before or not before.publish_feedback
		publishable = self.workflow_state in Outcome.FEEDBACK_STATES or rules.feedback_allowed_from(
			self.workflow_state, self.handling_class
		)
		if newly_ticked and not publishable:
			frappe.throw(
				_(
					"Feedback can be published on the echo wall only once the outcome is implemented, not "
					"adopted, or adopted as class C; it is {0}. Untick {1} and save."
				).format(_(self.workflow_state or Outcome.DRAFT), label(self, "publish_feedback")),
				FeedbackNotAllowedError,
			)
		if not (self.feedback_public_text or "").strip():
			frappe.throw(
				_("Enter the {0} to be published on the echo wall, or untick {1}.").format(
					label(self, "feedback_public_text"), label(self, "publish_feedback")
				),
				FeedbackMissingError,
			)
