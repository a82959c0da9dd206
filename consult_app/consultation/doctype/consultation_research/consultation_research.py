# Copyright (c) 2026, consult_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import today

from consult_app import rules
from consult_app.checks import check_date_order
from consult_app.exceptions import (
	DuplicateParticipantError,
	NotAParticipantError,
	SensitiveReportIncompleteError,
	TopicNotPublicizedError,
)
from consult_app.process import flow
from consult_app.process.states import Topic
from consult_app.utils import label


class ConsultationResearch(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from consult_app.consultation.doctype.consultation_research_member.consultation_research_member import (
			ConsultationResearchMember,
		)

		completed: DF.Check
		completed_on: DF.Date | None
		end_date: DF.Date | None
		facts: DF.Text | None
		method: DF.Literal["Visits", "Talks", "Survey", "Site Inspection", "Several Methods"]
		policy_basis: DF.Text | None
		report_file: DF.Attach | None
		reported_on: DF.Date | None
		reported_to: DF.Data | None
		room: DF.Link | None
		sensitive_reported: DF.Check
		stakeholder_views: DF.Text | None
		start_date: DF.Date | None
		team: DF.Table[ConsultationResearchMember]
		topic: DF.Link
		topic_title: DF.Data | None

	# end: auto-generated types
	def validate(self):
		self.check_topic_publicized()
		check_date_order(self, "start_date", "end_date")
		self.check_team_unique()
		self.check_sensitive_report()
		self.set_completed_on()

	def on_update(self):
		self.move_topic()

	# -- checks ---------------------------------------------------------------------------------

	def check_topic_publicized(self):
		"""Seed 003 art. 14–15: a topic is researched once approved and posted publicly."""
		state = frappe.db.get_value("Consultation Topic", self.topic, "workflow_state")
		if state not in Topic.PUBLICIZED_OR_LATER:
			frappe.throw(
				_(
					"Topic {0} is {1}: research starts once the topic is approved and publicized. "
					"Publicize the topic first."
				).format(self.topic, _(state or Topic.DRAFT)),
				TopicNotPublicizedError,
				title=_("Topic not publicized"),
			)

	def check_team_unique(self):
		dups = rules.duplicated(row.participant for row in self.team)
		if dups:
			frappe.throw(
				_("{0} is listed twice in the research team. Remove the second row.").format(
					_(", ").join(self.team_name(p) for p in dups)
				),
				DuplicateParticipantError,
			)

	def check_sensitive_report(self):
		"""Seed 003 art. 15: sensitive or long-standing problems are reported beforehand, to whom and when."""
		if self.sensitive_reported:
			missing = [label(self, f) for f in ("reported_to", "reported_on") if not self.get(f)]
			if missing:
				frappe.throw(
					_("The report to the party committee is ticked but {0} is empty.").format(
						_(", ").join(missing)
					),
					SensitiveReportIncompleteError,
				)

	def set_completed_on(self):
		if self.completed and not self.completed_on:
			self.completed_on = today()
		elif not self.completed:
			self.completed_on = None

	def team_name(self, participant):
		return frappe.db.get_value("Consultation Participant", participant, "full_name") or participant

	# -- the topic's workflow -------------------------------------------------------------------

	def move_topic(self):
		"""Research recorded moves a publicized topic to Researching; research completed moves it on to
		Ready for Consultation (process/flow.py)."""
		flow.advance_topic(self.topic, flow.RESEARCH_STARTED, self)
		if self.completed:
			flow.advance_topic(self.topic, flow.RESEARCH_COMPLETED, self)

	# -- team sign-up ---------------------------------------------------------------------------

	@frappe.whitelist()
	def join_team(self) -> dict:
		"""A member signs up for the research team of a topic: adds the session user's participant."""
		self.check_permission("write")
		participant = frappe.db.get_value(
			"Consultation Participant", {"user": frappe.session.user}, ["name", "full_name"], as_dict=True
		)
		if not participant:
			frappe.throw(
				_(
					"You are not in the participant registry, so you cannot join the research team. "
					"Ask the consultation office to register you as a participant linked to your user."
				),
				NotAParticipantError,
			)
		if participant.name not in [row.participant for row in self.team]:
			self.append("team", {"participant": participant.name, "team_role": "Team Member"})
			self.save()
		return {"participant": participant.name, "full_name": participant.full_name}
