"""What the public sees: the notice of topics under publicity and the echo wall (回音壁).

Guest pages (www/topic-notices, www/echo-wall) take their data only from here: explicit lists of public
fields of records that have reached a public state, never a proposer, a participant or a phone number. The
pages escape every value on output (the text was typed by residents and staff).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import getdate

from consult_app import rules
from consult_app.process.states import Outcome, Topic

TOPIC = Topic.DOCTYPE
OUTCOME = Outcome.DOCTYPE


def public_notices() -> list[dict]:
	"""Topics under publicity, from the start of their publicity until they are consulted in a meeting
	(Yancheng Norms art. 14), with only the fields meant for the public (no proposer, no phone)."""
	return frappe.get_all(
		TOPIC,
		filters={"workflow_state": ("in", Topic.ON_NOTICE)},
		fields=["name", "title", "room", "description", "publicity_start", "earliest_meeting_date"],
		order_by="publicity_start desc",
	)


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
	"handling_class",
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


# the echo wall shows the most recently collected published topics (a county publishes thousands over the years)
ECHO_WALL_LIMIT = 100


def echo_wall_items(topic: str | None = None) -> list[dict]:
	"""The published topics (publish_on_echo_wall) with their path — collected, consulted, decided,
	implemented, fed back — for the public echo wall (Experience Reports). Built from explicit field lists; free
	text is cleared of phone numbers; feedback is shown only when the outcome publishes it and feedback
	has been given. `topic` narrows to one published topic (empty list when it is not published). At most
	ECHO_WALL_LIMIT topics, the latest first; four queries whatever their number (no query per topic)."""
	filters = {"publish_on_echo_wall": 1, "workflow_state": ("in", Topic.PUBLICIZED_OR_LATER)}
	if topic:
		filters["name"] = topic
	topics = frappe.get_all(
		TOPIC, filters=filters, fields=PUBLIC_TOPIC_FIELDS, order_by="creation desc", limit=ECHO_WALL_LIMIT
	)
	if not topics:
		return []
	names = [t.name for t in topics]
	outcomes = group_by_topic(
		frappe.get_all(
			OUTCOME,
			filters={"topic": ("in", names), "workflow_state": ("not in", Outcome.UNDECIDED)},
			fields=PUBLIC_OUTCOME_FIELDS,
			order_by="creation asc",
		)
	)
	meeting_dates = consulted_on(names, outcomes)
	return [public_topic(t, outcomes.get(t.name, []), meeting_dates.get(t.name, [])) for t in topics]


def group_by_topic(rows) -> dict[str, list]:
	grouped = {}
	for row in rows:
		grouped.setdefault(row.topic, []).append(row)
	return grouped


def public_topic(t, outcomes: list, meeting_dates: list) -> dict:
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
		"concluded": t.workflow_state == Topic.CONCLUDED,
		"collected_on": getdate(t.creation),
		"consulted_on": meeting_dates[0] if meeting_dates else None,
		"outcomes": public_outcomes,
		"percent": round(sum(o["percent"] for o in public_outcomes) / len(public_outcomes))
		if public_outcomes
		else 0,
		"steps": [
			{"key": "collected", "label": _("Collected"), "done": True},
			{"key": "consulted", "label": _(Topic.CONSULTED), "done": bool(meeting_dates)},
			{"key": "decided", "label": _("Decided"), "done": bool(decided)},
			{"key": "implemented", "label": _(Outcome.IMPLEMENTED), "done": bool(implemented)},
			{"key": "feedback", "label": _("Feedback"), "done": bool(feedback)},
		],
	}


def public_outcome(o) -> dict:
	show_feedback = bool(o.publish_feedback) and o.workflow_state in Outcome.FEEDBACK_STATES
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
		# a declined or class C outcome with its feedback given was explained, not implemented
		"implemented": rules.counts_as_implemented(o.workflow_state, o.adoption_decision, o.handling_class),
		"funds_secured": o.funds_secured or 0,
		"problems_solved": o.problems_solved or 0,
		"people_benefited": o.people_benefited or 0,
		"change_type": o.change_type,
		"results_note": rules.mask_phone_numbers(o.results_note),
		"feedback": rules.mask_phone_numbers(o.feedback_public_text) if show_feedback else "",
		"feedback_on": getdate(o.feedback_sent_on) if show_feedback and o.feedback_sent_on else None,
	}


def consulted_on(topics: list[str], outcomes: dict[str, list]) -> dict[str, list]:
	"""{topic: dates of the submitted meetings that consulted it} (from its outcomes or meeting agendas),
	in two queries for all the topics."""
	meetings = {t: {o.meeting for o in outcomes.get(t, []) if o.meeting} for t in topics}
	for row in frappe.get_all(
		"Consultation Meeting Topic",
		filters={"topic": ("in", topics), "parenttype": "Consultation Meeting"},
		fields=["topic", "parent"],
	):
		meetings[row.topic].add(row.parent)
	names = {m for ms in meetings.values() for m in ms}
	if not names:
		return {}
	starts = dict(
		frappe.get_all(
			"Consultation Meeting",
			filters={"name": ("in", list(names)), "docstatus": 1},
			fields=["name", "start"],
			as_list=True,
		)
	)
	return {t: sorted(getdate(starts[m]) for m in ms if m in starts) for t, ms in meetings.items() if ms}
