"""What each step of a topic needs (Consultation Topic Workflow).

Sources: Gaosuntang Plan III.2 (quarterly quotas), Dacheng Plan IV.3 and Yancheng Norms art. 11 (九不议),
Yancheng Norms art. 14 (approval, filing, publicity), Hai'an Plan II.3 (annual plan, temporary topics),
Yancheng Norms art. 15 (no research, no consultation).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.naming import make_autoname
from frappe.utils import today

from consult_app import rules
from consult_app.consultation.doctype.consultation_settings.consultation_settings import get_settings
from consult_app.exceptions import (
	ExcludedTopicError,
	ExclusionCheckIncompleteError,
	RejectionReasonMissingError,
	ShortlistLimitError,
	TemporaryTopicNotApprovedError,
)
from consult_app.process.locks import count_locked, lock_row
from consult_app.process.states import Plan, Topic
from consult_app.utils import label

ROOM = "Consultation Room"


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
	"""Yancheng Norms art. 14: a town/street room's approved topic is filed with the county CPPCC."""
	if frappe.db.get_value(ROOM, topic.room, "level") != "Town/Street":
		return
	if not topic.filing_date:
		topic.filing_date = topic.approved_on
	if not topic.filing_number:
		topic.filing_number = make_autoname("BA-.YYYY.-.####", Topic.DOCTYPE)


# -- publicity ----------------------------------------------------------------------------------------


def publicity(topic, previous):
	"""Hai'an Plan II.3: a temporary topic needs its own approval; Yancheng Norms art. 14: publicity starts."""
	if topic.is_temporary and previous != Topic.TEMPORARY_APPROVED:
		frappe.throw(
			_(
				"This topic is not in the approved annual plan of {0} for {1}: it is a temporary topic and "
				"needs the party reviewer's own approval (Approve Temporary Topic) before publicity."
			).format(topic.room, topic.year),
			TemporaryTopicNotApprovedError,
		)
	if not topic.publicity_start:
		topic.publicity_start = today()


# -- rejection ----------------------------------------------------------------------------------------


def rejection_reason(topic, previous):
	if not (topic.rejection_reason or "").strip():
		hits = topic.exclusion_hits.replace("\n", _(", ")) if topic.exclusion_hits else ""
		frappe.throw(
			_("Enter the rejection reason on the Approval and Publicity tab, save, then reject the topic.")
			+ (" " + _("The topic hits these exclusion items: {0}.").format(hits) if hits else ""),
			RejectionReasonMissingError,
		)


# -- counting -----------------------------------------------------------------------------------------


def check_quarter_quota(topic, states, limit, what):
	"""At most `limit` topics of the room in `states` for the topic's quarter. The room is locked first,
	so that steps taken at the same moment are counted one after another."""
	lock_row(ROOM, topic.room)
	count = count_locked(
		Topic.DOCTYPE,
		{
			"room": topic.room,
			"year": topic.year,
			"quarter": topic.quarter,
			"workflow_state": ("in", states),
			"name": ("!=", topic.name),
		},
	)
	if rules.over_limit(count + 1, limit):
		frappe.throw(
			_(
				"{0} already has {1} topics {2} for {3} {4}; at most {5} are allowed. "
				"Reject or defer another topic first."
			).format(topic.room, count, what, topic.year, topic.quarter, limit),
			ShortlistLimitError,
		)


# What each step needs (its gates, from validate) and what follows from it (after it is saved).
GATES = {
	Topic.SHORTLISTED: (within_shortlist_quota,),
	Topic.APPROVED: (approval,),
	Topic.PUBLICIZED: (publicity,),
	Topic.NOT_ACCEPTED: (rejection_reason,),
}
AFTER = {}
