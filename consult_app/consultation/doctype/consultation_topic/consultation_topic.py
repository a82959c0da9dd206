# Copyright (c) 2026, consult_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, getdate, today

from consult_app import rules
from consult_app.access.workflow_guard import check_state_allows_edit
from consult_app.consultation.doctype.consultation_settings.consultation_settings import get_settings
from consult_app.exceptions import EchoWallError, ProposerMissingError, SpamSubmissionError
from consult_app.process import steps
from consult_app.process.states import Topic
from consult_app.utils import label

# Limits for the public web form 我要出题 (besides the Data fields' own lengths).
WEB_FORM_DESCRIPTION_MAX = 2000
HONEYPOT_FIELD = "hp_website"
# A resident's free text is plain text: markup is removed. Even sanitised, an <img> left in a topic breaks
# the PDF that the workflow emails attach (wkhtmltopdf: broken image link), so a Guest could block the
# topic's workflow with one tag.
WEB_FORM_TEXT_FIELDS = ("title", "description", "place", "proposer_name", "proposer_phone", "proposer_email")


class ConsultationTopic(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		affects_residents: DF.Check
		approved_by: DF.Link | None
		approved_on: DF.Date | None
		description: DF.Text | None
		earliest_meeting_date: DF.Date | None
		ex_against_public: DF.Literal["", "No", "Yes"]
		ex_already_agreed: DF.Literal["", "No", "Yes"]
		ex_beyond_authority: DF.Literal["", "No", "Yes"]
		ex_discriminatory: DF.Literal["", "No", "Yes"]
		ex_harms_rights: DF.Literal["", "No", "Yes"]
		ex_higher_orders: DF.Literal["", "No", "Yes"]
		ex_individual_dispute: DF.Literal["", "No", "Yes"]
		ex_not_for_grassroots: DF.Literal["", "No", "Yes"]
		ex_other_faster: DF.Literal["", "No", "Yes"]
		ex_party_policy_law: DF.Literal["", "No", "Yes"]
		ex_serious_divergence: DF.Literal["", "No", "Yes"]
		exclusion_hits: DF.SmallText | None
		filing_date: DF.Date | None
		filing_number: DF.Data | None
		focus: DF.Literal["", "Party and Government Priority", "Livelihood Matter", "Governance Difficulty"]
		hp_website: DF.Data | None
		is_temporary: DF.Check
		place: DF.Data | None
		plan: DF.Link | None
		proposer: DF.Link | None
		proposer_email: DF.Data | None
		proposer_name: DF.Data | None
		proposer_phone: DF.Data | None
		public_call: DF.Link | None
		publicity_start: DF.Date | None
		publish_on_echo_wall: DF.Check
		quarter: DF.Literal["", "Q1", "Q2", "Q3", "Q4"]
		rejection_reason: DF.SmallText | None
		room: DF.Link
		screening_method: DF.Literal["", "Survey", "Online Vote", "Group Consultation", "Hearing"]
		screening_notes: DF.SmallText | None
		source: DF.Literal[
			"Residents", "Members", "Leaders", "Public Call", "Proposal or Social Conditions Report"
		]
		subject_category: DF.Literal[
			"",
			"Implementing Major Decisions",
			"Development Plans and Projects",
			"Self-governance Rules",
			"Pressing Difficulties and Disputes",
			"Livelihood Security",
			"Public Governance",
			"Public Affairs of Most Residents",
			"Required by Law or Policy",
			"Requested by Participants",
		]
		support_share: DF.Percent
		title: DF.Data
		votes_against: DF.Int
		votes_for: DF.Int
		workflow_state: DF.Link | None
		year: DF.Int

	# end: auto-generated types
	def before_insert(self):
		if frappe.flags.in_web_form:
			self.take_web_form_submission()

	def validate(self):
		check_state_allows_edit(self)
		self.set_year_and_quarter()
		self.set_support_share()
		self.set_exclusion_hits()
		steps.run(self)
		self.set_earliest_meeting_date()
		self.check_echo_wall_publication()

	def on_update(self):
		steps.run_after(self)

	# -- web form 我要出题 ---------------------------------------------------------------------

	def take_web_form_submission(self):
		"""A resident's topic from the public web form: refuse bots, then file it as 群众出题."""
		if self.get(HONEYPOT_FIELD):
			frappe.throw(_("This submission was refused."), SpamSubmissionError)
		if len(str(self.description or "")) > WEB_FORM_DESCRIPTION_MAX:
			frappe.throw(
				_("The description is too long: at most {0} characters.").format(WEB_FORM_DESCRIPTION_MAX),
				SpamSubmissionError,
			)
		for fieldname in WEB_FORM_TEXT_FIELDS:
			if isinstance(self.get(fieldname), str):
				self.set(fieldname, rules.plain_text(self.get(fieldname)).strip())
		self.take_proposer()
		self.source = "Residents"
		participant = frappe.session.user != "Guest" and frappe.db.get_value(
			"Consultation Participant", {"user": frappe.session.user}, ["name", "category"], as_dict=True
		)
		if participant:
			self.proposer = participant.name
			if participant.category in rules.MEMBER_CATEGORIES:
				self.source = "Members"

	def take_proposer(self):
		"""Experience Reports, report 8 (意见箱, 匿名收集): a resident may stay anonymous; then no name is
		recorded. A contact left (email or phone) is used only to tell the proposer the decision."""
		if self.anonymous:
			self.proposer_name = None
		elif not (self.proposer_name or "").strip():
			frappe.throw(
				_("Enter your name, or choose to stay anonymous."), ProposerMissingError, title=_("Your Name")
			)

	# -- computed fields ------------------------------------------------------------------------

	def set_year_and_quarter(self):
		if not self.year:
			self.year = getdate(today()).year
		if not self.quarter:
			self.quarter = f"Q{rules.quarter_of(today())}"

	def set_support_share(self):
		self.support_share = rules.support_share(cint(self.votes_for), cint(self.votes_against))

	def set_exclusion_hits(self):
		answers = {f: self.get(f) for f in rules.EXCLUSION_FIELDS}
		self.exclusion_hits = "\n".join(label(self, f) for f in rules.hit_exclusions(answers))

	def set_earliest_meeting_date(self):
		"""Yancheng Norms art. 14: consulted no earlier than publicity start + publicity days (settings)."""
		self.earliest_meeting_date = rules.earliest_meeting_date(
			self.publicity_start, get_settings().publicity_days
		)

	def check_echo_wall_publication(self):
		"""The echo wall shows topics that have been approved and posted publicly: ticking "Publish on Echo
		Wall" earlier is refused, not silently held back (Experience Reports, report 5: 回音壁)."""
		before = self.get_doc_before_save()
		newly = self.publish_on_echo_wall and not (before and before.publish_on_echo_wall)
		if newly and self.workflow_state not in Topic.PUBLICIZED_OR_LATER:
			frappe.throw(
				_(
					"A topic is published on the echo wall once it has been publicized; it is {0}. Untick {1}."
				).format(_(self.workflow_state or Topic.DRAFT), label(self, "publish_on_echo_wall")),
				EchoWallError,
			)
