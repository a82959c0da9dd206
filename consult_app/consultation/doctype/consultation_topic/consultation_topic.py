# Copyright (c) 2026, consult_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.naming import make_autoname
from frappe.utils import cint, getdate, strip_html, today

from consult_app import rules
from consult_app.checks import label, settings
from consult_app.exceptions import (
	ExcludedTopicError,
	ExclusionCheckIncompleteError,
	RejectionReasonMissingError,
	ShortlistLimitError,
	SpamSubmissionError,
	TemporaryTopicNotApprovedError,
)
from consult_app.workflow_guard import check_state_allows_edit

# Workflow states of the standard topic workflow (consultation/workflow/consultation_topic_workflow).
SHORTLISTED = "Shortlisted"
APPROVED = "Party Approved"
TEMPORARY_APPROVED = "Temporary Approved"
PUBLICIZED = "Publicized"
REJECTED = "Not Accepted"
# States a topic keeps after being shortlisted / fixed by the party committee.
SHORTLISTED_OR_LATER = (
	SHORTLISTED,
	APPROVED,
	TEMPORARY_APPROVED,
	PUBLICIZED,
	"Researching",
	"Ready for Consultation",
	"Consulted",
	"Concluded",
)
APPROVED_OR_LATER = SHORTLISTED_OR_LATER[1:]

# Limits for the public web form 我要出题 (besides the Data fields' own lengths).
WEB_FORM_DESCRIPTION_MAX = 2000
HONEYPOT_FIELD = "hp_website"
# A resident's free text is plain text: markup is removed. Even sanitised, an <img> left in a topic breaks
# the PDF that the workflow emails attach (wkhtmltopdf: broken image link), so a Guest could block the
# topic's workflow with one tag.
WEB_FORM_TEXT_FIELDS = ("title", "description", "place", "proposer_name", "proposer_phone")


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
		source: DF.Literal["Residents", "Members", "Leaders", "Public Call", "Proposal or Social Conditions Report"]
		subject_category: DF.Literal["", "Implementing Major Decisions", "Development Plans and Projects", "Self-governance Rules", "Pressing Difficulties and Disputes", "Livelihood Security", "Public Governance", "Public Affairs of Most Residents", "Required by Law or Policy", "Requested by Participants"]
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
		self.check_workflow_step()
		self.set_earliest_meeting_date()

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
				self.set(fieldname, strip_html(self.get(fieldname)).strip())
		self.source = "Residents"
		participant = frappe.session.user != "Guest" and frappe.db.get_value(
			"Consultation Participant", {"user": frappe.session.user}, ["name", "category"], as_dict=True
		)
		if participant:
			self.proposer = participant.name
			if participant.category in ("City CPPCC Member", "County CPPCC Member"):
				self.source = "Members"

	# -- computed fields ------------------------------------------------------------------------

	def set_year_and_quarter(self):
		if not self.year:
			self.year = getdate(today()).year
		if not self.quarter:
			self.quarter = f"Q{rules.quarter_of(today())}"

	def set_support_share(self):
		self.support_share = rules.support_share(cint(self.votes_for), cint(self.votes_against))

	def exclusion_answers(self) -> dict:
		return {f: self.get(f) for f in rules.EXCLUSION_FIELDS}

	def set_exclusion_hits(self):
		self.exclusion_hits = "\n".join(
			label(self, f) for f in rules.hit_exclusions(self.exclusion_answers())
		)

	def set_earliest_meeting_date(self):
		"""Seed 003 art. 14: consulted no earlier than publicity start + publicity days (settings)."""
		self.earliest_meeting_date = rules.earliest_meeting_date(
			self.publicity_start, settings().publicity_days
		)

	# -- workflow steps -------------------------------------------------------------------------

	def check_workflow_step(self):
		before = self.get_doc_before_save()
		previous = before.workflow_state if before else None
		if self.workflow_state == previous:
			return
		step = {
			SHORTLISTED: self.on_shortlist,
			APPROVED: self.on_party_approval,
			PUBLICIZED: self.on_publicity,
			REJECTED: self.on_rejection,
		}.get(self.workflow_state)
		if step:
			step(previous)

	def on_shortlist(self, previous):
		"""Seed 000: members shortlist at most N topics a quarter (settings, 5)."""
		self.check_quarter_limit(SHORTLISTED_OR_LATER, settings().shortlist_count, _("shortlisted"))

	def on_party_approval(self, previous):
		"""Seed 004 九不议, seed 003 art. 11 and 14, seed 000 (at most M a quarter), seed 001 (plan)."""
		self.check_exclusions_answered()
		self.check_no_exclusion_hit()
		self.check_quarter_limit(APPROVED_OR_LATER, settings().final_count, _("approved"))
		self.approved_by = frappe.session.user
		self.approved_on = today()
		self.mark_plan_or_temporary()
		self.record_filing()

	def on_publicity(self, previous):
		"""Seed 001: a temporary topic needs its own approval; seed 003 art. 14: publicity starts."""
		if self.is_temporary and previous != TEMPORARY_APPROVED:
			frappe.throw(
				_(
					"This topic is not in the approved annual plan of {0} for {1}: it is a temporary topic and "
					"needs the party reviewer's own approval (Approve Temporary Topic) before publicity."
				).format(self.room, self.year),
				TemporaryTopicNotApprovedError,
			)
		if not self.publicity_start:
			self.publicity_start = today()

	def on_rejection(self, previous):
		if not (self.rejection_reason or "").strip():
			hits = self.exclusion_hits.replace("\n", _(", ")) if self.exclusion_hits else ""
			frappe.throw(
				_(
					"Enter the rejection reason on the Approval and Publicity tab, save, then reject the topic."
				)
				+ (" " + _("The topic hits these exclusion items: {0}.").format(hits) if hits else ""),
				RejectionReasonMissingError,
			)

	# -- checks ---------------------------------------------------------------------------------

	def check_quarter_limit(self, states, limit, what):
		count = frappe.db.count(
			"Consultation Topic",
			{
				"room": self.room,
				"year": self.year,
				"quarter": self.quarter,
				"workflow_state": ("in", states),
				"name": ("!=", self.name),
			},
		)
		if rules.over_limit(count + 1, limit):
			frappe.throw(
				_(
					"{0} already has {1} topics {2} for {3} {4}; at most {5} are allowed. "
					"Reject or defer another topic first."
				).format(self.room, count, what, self.year, self.quarter, limit),
				ShortlistLimitError,
			)

	def check_exclusions_answered(self):
		missing = rules.unanswered_exclusions(self.exclusion_answers())
		if missing:
			frappe.throw(
				_("Answer every item of the exclusion check before approval. Unanswered: {0}.").format(
					_(", ").join(label(self, f) for f in missing)
				),
				ExclusionCheckIncompleteError,
			)

	def check_no_exclusion_hit(self):
		hits = rules.hit_exclusions(self.exclusion_answers())
		if hits:
			frappe.throw(
				_("This topic hits the exclusion list and can only be rejected: {0}.").format(
					_(", ").join(label(self, f) for f in hits)
				),
				ExcludedTopicError,
			)

	def mark_plan_or_temporary(self):
		"""Seed 001: topics run within the approved annual plan; others are temporary topics."""
		plan = frappe.db.get_value(
			"Consultation Plan", {"room": self.room, "year": self.year, "workflow_state": APPROVED}
		)
		in_plan = bool(plan) and frappe.db.exists(
			"Consultation Plan Topic", {"parent": plan, "parenttype": "Consultation Plan", "topic": self.name}
		)
		self.plan = plan if in_plan else None
		self.is_temporary = 0 if in_plan else 1

	def record_filing(self):
		"""Seed 003 art. 14: a town/street room's approved topic is filed with the county CPPCC."""
		if frappe.db.get_value("Consultation Room", self.room, "level") != "Town/Street":
			return
		if not self.filing_date:
			self.filing_date = self.approved_on
		if not self.filing_number:
			self.filing_number = make_autoname("BA-.YYYY.-.####", "Consultation Topic")
