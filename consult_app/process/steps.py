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

from consult_app.process import outcome, plan, topic
from consult_app.process.states import Outcome, Plan, Topic

PROCESS = {Topic.DOCTYPE: topic, Outcome.DOCTYPE: outcome, Plan.DOCTYPE: plan}


def previous_state(doc) -> str | None:
	before = doc.get_doc_before_save()
	return before.get("workflow_state") if before else None


def run(doc) -> None:
	"""From validate(): the gates of the step the save takes, if it takes one."""
	previous = previous_state(doc)
	state = doc.get("workflow_state")
	if state == previous:
		return
	for gate in PROCESS[doc.doctype].GATES.get(state, ()):
		gate(doc, previous)
	doc.flags.step_taken = (previous, state)


def run_after(doc) -> None:
	"""From on_update(): the consequences of the step the save took."""
	step = doc.flags.pop("step_taken", None)
	if not step:
		return
	previous, state = step
	for consequence in PROCESS[doc.doctype].AFTER.get(state, ()):
		consequence(doc, previous)
