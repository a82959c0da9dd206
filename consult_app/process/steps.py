"""What each step of a workflow needs, and what follows from it, dispatched in one place.

A step is a save that moves a document's workflow state, whoever or whatever takes it (a workflow button,
a REST PUT of the state, the topic flow). The controllers of the workflow DocTypes call `run(doc)` from
`validate()` and `run_after(doc)` from `on_update()`; the gates and consequences of each process register
themselves here (process/topic.py, process/outcome.py, process/plan.py):

	@gate(Topic.DOCTYPE, Topic.SHORTLISTED)
	def within_shortlist_quota(topic, previous): ...

A gate raises a specific ValidationError when the step may not be taken, and may set the fields the step
records. A consequence (`@after`) runs once the document is saved, in the same transaction: a failure
rolls the whole step back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

GATES: dict[tuple[str, str], list[Callable]] = defaultdict(list)
AFTER: dict[tuple[str, str], list[Callable]] = defaultdict(list)


def gate(doctype: str, *next_states: str):
	"""Register `fn(doc, previous_state)` as a condition of entering any of `next_states`."""

	def register(fn):
		for state in next_states:
			GATES[(doctype, state)].append(fn)
		return fn

	return register


def after(doctype: str, *next_states: str):
	"""Register `fn(doc, previous_state)` as a consequence of entering any of `next_states`."""

	def register(fn):
		for state in next_states:
			AFTER[(doctype, state)].append(fn)
		return fn

	return register


def previous_state(doc) -> str | None:
	before = doc.get_doc_before_save()
	return before.get("workflow_state") if before else None


def run(doc) -> None:
	"""From validate(): the gates of the step the save takes, if it takes one."""
	_load()
	previous = previous_state(doc)
	if doc.get("workflow_state") == previous:
		return
	for fn in GATES.get((doc.doctype, doc.get("workflow_state")), ()):
		fn(doc, previous)
	doc.flags.step_taken = (previous, doc.get("workflow_state"))


def run_after(doc) -> None:
	"""From on_update(): the consequences of the step the save took."""
	step = doc.flags.pop("step_taken", None)
	if not step:
		return
	previous, state = step
	for fn in AFTER.get((doc.doctype, state), ()):
		fn(doc, previous)


def _load() -> None:
	"""The process modules register their gates when imported."""
	from consult_app.process import outcome, plan, topic
