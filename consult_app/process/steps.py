"""What each step of a workflow needs, and what follows from it, dispatched in one place.

A step is a save that moves a document's workflow state, whoever or whatever takes it (a workflow button,
a REST PUT of the state, the topic flow). The controllers of the workflow DocTypes call `run(doc)` from
`validate()` and `run_after(doc)` from `on_update()`. Each process module (process/topic.py,
process/outcome.py, process/plan.py) ends with its two tables, state -> functions `fn(doc, previous_state)`:

- GATES: the conditions of entering the state. A gate raises a specific ValidationError when the step may
  not be taken, and may set the fields the step records.
- AFTER: the consequences, run once the document is saved, in the same transaction: a failure rolls the
  whole step back.
"""

from __future__ import annotations

import frappe
from frappe import _

from consult_app.exceptions import CreatedInLaterStateError
from consult_app.process import outcome, plan, topic
from consult_app.process.states import DRAFT, Outcome, Plan, Topic

PROCESS = {Topic.DOCTYPE: topic, Outcome.DOCTYPE: outcome, Plan.DOCTYPE: plan}


def previous_state(doc) -> str | None:
	before = doc.get_doc_before_save()
	return before.get("workflow_state") if before else None


def run(doc) -> None:
	"""From validate(): the gates of the step the save takes, if it takes one."""
	previous = previous_state(doc)
	state = doc.get("workflow_state")
	if doc.is_new():
		starts_as_draft(doc)
		return
	if state == previous:
		return
	for gate in PROCESS[doc.doctype].GATES.get(state, ()):
		gate(doc, previous)
	doc.flags.step_taken = (previous, state)


def starts_as_draft(doc) -> None:
	"""A new record starts as Draft: no step's gates are skipped by creating a record in a later state, as
	an import of historical topics or outcomes from a spreadsheet would (Frappe refuses it too, with a bare
	transition message). Historical records are imported as Draft (docs/customising.md)."""
	state = doc.get("workflow_state")
	if state and state != DRAFT:
		frappe.throw(
			_(
				"A new {0} starts as {1}; it cannot be created in the state {2}. Import historical records as {1} "
				"(leave {3} empty) and describe what came of them in the record."
			).format(_(doc.doctype), _(DRAFT), _(state), _(doc.meta.get_label("workflow_state"))),
			CreatedInLaterStateError,
		)


def run_after(doc) -> None:
	"""From on_update(): the consequences of the step the save took."""
	step = doc.flags.pop("step_taken", None)
	if not step:
		return
	previous, state = step
	for consequence in PROCESS[doc.doctype].AFTER.get(state, ()):
		consequence(doc, previous)
