"""What each step of a topic needs (Consultation Topic Workflow).

Sources: Gaosuntang Plan III.2 (quarterly quotas), Dacheng Plan IV.3 and Yancheng Norms art. 11 (九不议),
Yancheng Norms art. 14 (approval, filing, publicity), Hai'an Plan II.3 (annual plan, temporary topics),
Yancheng Norms art. 15 (no research, no consultation).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.desk.form.assign_to import add as assign_to
from frappe.model.naming import make_autoname
from frappe.utils import today

from consult_app import rules
from consult_app.access.rooms import room_secretaries
from consult_app.consultation.doctype.consultation_settings.consultation_settings import get_settings
from consult_app.exceptions import (
	ExcludedTopicError,
	ExclusionCheckIncompleteError,
	NotConsultedError,
	OutcomeOpenError,
	RejectionReasonMissingError,
	ResearchMissingError,
	ShortlistLimitError,
	TemporaryTopicNotApprovedError,
)
from consult_app.process.locks import count_latest, lock_row
from consult_app.process.states import Outcome, Plan, Topic
from consult_app.utils import label

ROOM = "Consultation Room"
RESEARCH = "Consultation Research"
MEETING = "Consultation Meeting"


# -- screening ----------------------------------------------------------------------------------------


def within_shortlist_quota(topic, previous):
	"""Gaosuntang Plan III.2: members shortlist at most N topics a quarter (settings, 5)."""
	check_quarter_quota(topic, Topic.SHORTLISTED_OR_LATER, get_settings().shortlist_count, _("shortlisted"))


# -- approval -----------------------------------------------------------------------------------------


def approval(topic, previous):
	"""Dacheng Plan IV.3 and Yancheng Norms art. 11: no topic of the exclusion list (九不议); Gaosuntang Plan
	III.2: at most M fixed a quarter; Hai'an Plan II.3: within the annual plan, else a temporary topic;
	Yancheng Norms art. 14: a town/street room files the topic with the county CPPCC."""
	check_exclusions(topic)
	check_quarter_quota(topic, Topic.APPROVED_OR_LATER, get_settings().final_count, _("approved"))
	topic.approved_by = frappe.session.user
	topic.approved_on = today()
	mark_plan_or_temporary(topic)
	record_filing(topic)


def check_exclusions(topic):
	"""Every item of the exclusion check answered, and none of them hit: such a topic can only be rejected."""
	answers = {f: topic.get(f) for f in rules.EXCLUSION_FIELDS}
	for fields, message, error in (
		(
			rules.unanswered_exclusions(answers),
			_("Answer every item of the exclusion check before approval. Unanswered: {0}."),
			ExclusionCheckIncompleteError,
		),
		(
			rules.hit_exclusions(answers),
			_("This topic hits the exclusion list and can only be rejected: {0}."),
			ExcludedTopicError,
		),
	):
		if fields:
			frappe.throw(message.format(_(", ").join(label(topic, f) for f in fields)), error)


def mark_plan_or_temporary(topic):
	"""Hai'an Plan II.3: topics run within the approved annual plan; others are temporary topics."""
	plan = approved_plan(topic.room, topic.year)
	in_plan = bool(plan) and frappe.db.exists(
		"Consultation Plan Topic", {"parent": plan, "parenttype": Plan.DOCTYPE, "topic": topic.name}
	)
	topic.plan = plan if in_plan else None
	topic.is_temporary = 0 if in_plan else 1


def approved_plan(room: str, year) -> str | None:
	return frappe.db.get_value(Plan.DOCTYPE, {"room": room, "year": year, "workflow_state": Plan.APPROVED})


def record_filing(topic):
	"""Yancheng Norms art. 14: a town, street or park room's approved topic is filed with the county CPPCC
	(the levels that file are a setting)."""
	if not rules.files_with_county(frappe.db.get_value(ROOM, topic.room, "level"), get_settings()):
		return
	if not topic.filing_date:
		topic.filing_date = topic.approved_on
	if not topic.filing_number:
		topic.filing_number = make_autoname("BA-.YYYY.-.####", Topic.DOCTYPE)


# -- publicity ----------------------------------------------------------------------------------------


def publicity(topic, previous):
	"""Hai'an Plan II.3: a temporary topic needs its own approval; Yancheng Norms art. 14: publicity starts
	today, decided by the server (the date is settled from then on: the period cannot be shortened)."""
	if topic.is_temporary and previous != Topic.TEMPORARY_APPROVED:
		frappe.throw(
			_(
				"This topic is not in the approved annual plan of {0} for {1}: it is a temporary topic and "
				"needs the party reviewer's own approval (Approve Temporary Topic) before publicity."
			).format(topic.room, topic.year),
			TemporaryTopicNotApprovedError,
		)
	topic.publicity_start = today()


# -- temporary topics ---------------------------------------------------------------------------------


def temporary_plan_reviewed(topic, previous):
	"""Hai'an Plan II.3: a temporary topic runs on its own consultation plan (协商议事方案), reviewed by the
	chair meeting (主席会议审核) and then approved by the party organisation: two steps, not one click."""
	if not topic.is_temporary:
		frappe.throw(
			_("Topic {0} is in the approved annual plan: it needs no plan of its own.").format(topic.name),
			TemporaryTopicNotApprovedError,
		)
	missing = [f for f in ("temporary_plan", "chair_meeting_on") if not topic.get(f)]
	if missing:
		frappe.throw(
			_(
				"Enter {0} on the Approval and Publicity tab and save, then record the chair meeting's review."
			).format(_(", ").join(label(topic, f) for f in missing)),
			TemporaryTopicNotApprovedError,
		)


def link_planned_topics(plan):
	"""Hai'an Plan II.3 (选题报同级党组织审定后，纳入年度协商计划): a topic the party organisation approved
	before it was listed in the annual plan becomes a planned topic once the approved plan lists it. A
	consequence the system draws, recorded on the topic."""
	for row in plan.planned_topics:
		if not row.topic:
			continue
		state, temporary = frappe.db.get_value(
			Topic.DOCTYPE, row.topic, ["workflow_state", "is_temporary"]
		) or (None, None)
		if state == Topic.APPROVED and temporary:
			frappe.db.set_value(Topic.DOCTYPE, row.topic, {"is_temporary": 0, "plan": plan.name})
			frappe.get_doc(Topic.DOCTYPE, row.topic).add_comment(
				"Info",
				_("Listed in the approved annual plan {0}: no longer a temporary topic.").format(plan.name),
			)


# -- research and consultation (Yancheng Norms art. 15: 不调研不协商) ------------------------------------


def research_recorded(topic, previous):
	if not frappe.db.exists(RESEARCH, {"topic": topic.name}):
		frappe.throw(
			_(
				"Record the research on topic {0} (a research record with its team) before starting it."
			).format(topic.name),
			ResearchMissingError,
		)


def research_completed(topic, previous):
	"""Complete Research needs a completed research record with its findings, and a sensitive matter found
	reported to the party committee (Yancheng Norms art. 15)."""
	if not frappe.db.exists(RESEARCH, {"topic": topic.name, "completed": 1}):
		frappe.throw(
			_(
				"Topic {0} has no completed research record. Record the findings on the research record and "
				"tick Research Completed: the topic then moves on by itself."
			).format(topic.name),
			ResearchMissingError,
		)


def consulted_in_meeting(topic, previous):
	"""Mark Consulted needs a held (submitted) meeting with the topic on its agenda and an opinion on it."""
	meetings = frappe.get_all(
		"Consultation Meeting Topic",
		filters={"topic": topic.name, "parenttype": MEETING, "docstatus": 1},
		pluck="parent",
	)
	heard = meetings and frappe.db.exists(
		"Consultation Opinion", {"parent": ("in", meetings), "parenttype": MEETING, "topic": topic.name}
	)
	if not heard:
		frappe.throw(
			_(
				"Topic {0} has not been consulted: no submitted meeting has it on its agenda with an opinion "
				"recorded. Submit the meeting record: the topic then moves on by itself."
			).format(topic.name),
			NotConsultedError,
		)


def all_outcomes_evaluated(topic, previous):
	states = frappe.get_all(Outcome.DOCTYPE, filters={"topic": topic.name}, pluck="workflow_state")
	if not rules.all_evaluated(states):
		frappe.throw(
			_("Topic {0} is concluded once it has outcomes and every one of them is evaluated.").format(
				topic.name
			),
			OutcomeOpenError,
		)


# -- rejection ----------------------------------------------------------------------------------------


def rejection_reason(topic, previous):
	if not (topic.rejection_reason or "").strip():
		hits = topic.exclusion_hits.replace("\n", _(", ")) if topic.exclusion_hits else ""
		frappe.throw(
			_("Enter the rejection reason on the Approval and Publicity tab, save, then reject the topic.")
			+ (" " + _("The topic hits these exclusion items: {0}.").format(hits) if hits else ""),
			RejectionReasonMissingError,
		)


# -- telling the proposer ------------------------------------------------------------------------------


def tell_proposer_by_phone(topic, previous):
	"""A resident who left only a phone number is told the decision by the room's secretaries (an email
	goes out by the Notification "Topic Decision to Proposer"): they get a ToDo to call."""
	if topic.proposer_email or not topic.proposer_phone:
		return
	secretaries = room_secretaries(topic.room)
	if secretaries:
		assign_to(
			{
				"doctype": Topic.DOCTYPE,
				"name": topic.name,
				"assign_to": secretaries,
				"description": _("Tell the proposer of topic {0} the decision ({1}) by phone.").format(
					topic.name, _(topic.workflow_state)
				),
			},
			ignore_permissions=True,
		)


# -- counting -----------------------------------------------------------------------------------------


def check_quarter_quota(topic, states, limit, what):
	"""At most `limit` topics of the room in `states` for the topic's quarter. The room is locked first,
	so that steps taken at the same moment are counted one after another."""
	lock_row(ROOM, topic.room)
	count = count_latest(
		Topic.DOCTYPE,
		{"room": topic.room, "year": topic.year, "quarter": topic.quarter},
		"workflow_state",
		states,
		exclude=topic.name,
	)
	if rules.over_limit(count + 1, limit):
		frappe.throw(
			_(
				"{0} already has {1} topics {2} for {3} {4}; at most {5} are allowed. "
				"Put this topic in another quarter (its Quarter field, while it is not yet approved), "
				"or let the party reviewer reject one of those topics first."
			).format(topic.room, count, what, topic.year, topic.quarter, limit),
			ShortlistLimitError,
		)


# What each step needs (its gates, from validate) and what follows from it (after it is saved).
GATES = {
	Topic.SHORTLISTED: (within_shortlist_quota,),
	Topic.APPROVED: (approval,),
	Topic.CHAIR_REVIEWED: (temporary_plan_reviewed,),
	Topic.PUBLICIZED: (publicity,),
	Topic.RESEARCHING: (research_recorded,),
	Topic.READY: (research_completed,),
	Topic.CONSULTED: (consulted_in_meeting,),
	Topic.CONCLUDED: (all_outcomes_evaluated,),
	Topic.NOT_ACCEPTED: (rejection_reason,),
}
AFTER = {
	Topic.APPROVED: (tell_proposer_by_phone,),
	Topic.NOT_ACCEPTED: (tell_proposer_by_phone,),
}
