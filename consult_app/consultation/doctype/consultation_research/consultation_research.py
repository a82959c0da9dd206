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
	ResearchIncompleteError,
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
		self.check_completion()
		self.set_completed_on()

	def on_update(self):
		self.move_topic()

	# -- checks ---------------------------------------------------------------------------------

	def check_topic_publicized(self):
		"""Yancheng Norms art. 14–15: a topic is researched once approved and posted publicly."""
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
		"""Yancheng Norms art. 15, Hai'an Plan II.5: sensitive or long-standing problems found by the research
		are reported to the party committee beforehand: to whom and when, before the research is complete."""
		if self.sensitive_reported and self.completed:
			missing = [label(self, f) for f in ("reported_to", "reported_on") if not self.get(f)]
			if missing:
				frappe.throw(
					_(
						"The research found sensitive or long-standing matters: enter {0} of the report to the "
						"party committee before completing the research."
					).format(_(", ").join(missing)),
					SensitiveReportIncompleteError,
				)

	def check_completion(self):
		"""Gaosuntang Plan III.3: the research team finds out the policy basis, the facts and the stakeholders'
		views; only then is the research complete (不调研不协商)."""
		if not self.completed:
			return
		missing = rules.research_incomplete(
			{f: self.get(f) for f in rules.RESEARCH_CONTENT_FIELDS}, len(self.team)
		)
		if missing:
			frappe.throw(
				_("Research is complete once it records {0}. Fill them in, then tick {1}.").format(
					_(", ").join(label(self, f) for f in missing), label(self, "completed")
				),
				ResearchIncompleteError,
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
				ResearchIncompleteError,
			)
		if participant.name not in [row.participant for row in self.team]:
			self.append("team", {"participant": participant.name, "team_role": "Team Member"})
			self.save()
		return {"participant": participant.name, "full_name": participant.full_name}

	@frappe.whitelist()
	def suggest_team(self) -> list[dict]:
		"""Hai'an Plan II.4: members are grouped (2–3 a group) to liaise with villages and communities. The
		members of the active groups that liaise with the topic's room, or work for it or a room above it,
		are suggested for the research team (those not on it yet)."""
		self.check_permission("read")
		room = frappe.db.get_value("Consultation Topic", self.topic, "room") if self.topic else None
		if not room:
			return []
		lft, rgt = frappe.db.get_value("Consultation Room", room, ["lft", "rgt"])
		above = frappe.get_all(
			"Consultation Room", filters={"lft": ("<=", lft), "rgt": (">=", rgt)}, pluck="name"
		)
		liaising = frappe.get_all(
			"Consultation Member Group Room",
			filters={"room": room, "parenttype": "Consultation Member Group"},
			pluck="parent",
		)
		groups = frappe.get_list(
			"Consultation Member Group",
			filters={"active": 1},
			or_filters={"room": ("in", above), "name": ("in", liaising or [""])},
			pluck="name",
		)
		on_team = {row.participant for row in self.team}
		rows = frappe.get_all(
			"Consultation Member Group Member",
			filters={"parent": ("in", groups or [""]), "parenttype": "Consultation Member Group"},
			fields=["participant", "participant_name", "parent as member_group"],
			order_by="parent asc, idx asc",
		)
		return [r for r in rows if r.participant not in on_team]
