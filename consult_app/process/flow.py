"""How a topic moves on as a consequence of the records that prove its steps.

A topic is researched, consulted and concluded in other documents: a research record, a meeting, its
outcomes. When such a record proves a step, `advance_topic` takes that step on the topic through the
topic workflow, so that the workflow's own record (state, Version, the step's gates) is kept.

The rule of authority: the step is the system's consequence of the record, not an action of the user
who saved it. It is taken under the system's authority (as Administrator), whatever the user's roles —
a CPPCC member who completes the research moves the topic although members may not act on topics
themselves — and it is recorded on the topic with the record and the user who saved it. The gates of the
step still apply (process/topic.py): a record that does not prove the step leaves the topic where it is,
and the user's save fails with the gate's message.
"""

from __future__ import annotations

from contextlib import contextmanager

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow

from consult_app.process.states import Topic

# event -> (state the topic must be in, the workflow action that takes the step)
RESEARCH_STARTED = "research started"
RESEARCH_COMPLETED = "research completed"
MEETING_HELD = "meeting held"
OUTCOMES_EVALUATED = "outcomes evaluated"
STEPS = {
	RESEARCH_STARTED: (Topic.PUBLICIZED, Topic.START_RESEARCH),
	RESEARCH_COMPLETED: (Topic.RESEARCHING, Topic.COMPLETE_RESEARCH),
	MEETING_HELD: (Topic.READY, Topic.MARK_CONSULTED),
	OUTCOMES_EVALUATED: (Topic.CONSULTED, Topic.CONCLUDE),
}


def advance_topic(topic_name: str, event: str, record) -> bool:
	"""Take the step that `event` (proved by `record`, a saved document) brings about on the topic, if the
	topic is where that step starts. Returns whether the topic moved."""
	from_state, action = STEPS[event]
	if frappe.db.get_value(Topic.DOCTYPE, topic_name, "workflow_state") != from_state:
		return False
	actor = frappe.session.user
	with system_authority():
		# a fresh copy, never one rendered before (Frappe's workflow email leaves flags.in_print on it)
		topic = apply_workflow(frappe.get_doc(Topic.DOCTYPE, topic_name), action)
		topic.add_comment(
			"Info",
			_("{0}: taken by the system when {1} {2} was saved by {3}.").format(
				_(action), _(record.doctype), record.name, actor
			),
		)
	return True


@contextmanager
def system_authority():
	"""Run a block as Administrator, then restore the acting user's whole session. frappe.set_user()
	replaces the session's sid and data (the CSRF token lives there) and the form dict, so they are saved
	and put back, not just the user name: the user's request continues unharmed."""
	session = frappe.local.session
	saved = dict(session)
	saved_form = frappe.local.form_dict
	frappe.set_user("Administrator")
	try:
		yield
	finally:
		frappe.set_user(saved["user"])
		session.update(saved)
		frappe.local.form_dict = saved_form
