"""The names of the consultation process: every workflow state and action the app's code refers to.

The standard workflows (consultation/workflow/*/*.json) are the process as data: which states there
are, which transitions lead between them and which roles may take each one. This module is the only
place in the app's code that spells their states and actions; everything else (controllers, guards,
gates, public pages, scheduled jobs, the demo, the browser's scripts through `client_names`) uses these
names. The contract tier checks them against the shipped workflows and greps the rest of the code for
stray spellings.

A site may add states and steps to its workflows; it should not rename these standard states, which
the app's rules (gates, public pages, reports) are tied to.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

WORKFLOW_DIR = Path(__file__).resolve().parent.parent / "consultation" / "workflow"
DRAFT = "Draft"


class Topic:
	"""Consultation Topic Workflow (Dacheng Plan 三段六步; Yancheng Norms art. 12–19)."""

	DOCTYPE = "Consultation Topic"
	WORKFLOW = "Consultation Topic Workflow"

	DRAFT = DRAFT
	SUBMITTED = "Submitted"
	SHORTLISTED = "Shortlisted"
	APPROVED = "Party Approved"
	CHAIR_REVIEWED = "Chair Reviewed"
	TEMPORARY_APPROVED = "Temporary Approved"
	PUBLICIZED = "Publicized"
	RESEARCHING = "Researching"
	READY = "Ready for Consultation"
	CONSULTED = "Consulted"
	CONCLUDED = "Concluded"
	NOT_ACCEPTED = "Not Accepted"

	# actions
	SUBMIT = "Submit for Screening"
	SHORTLIST = "Shortlist"
	APPROVE = "Approve Topic"
	REVIEW_TEMPORARY_PLAN = "Review Temporary Plan"
	APPROVE_TEMPORARY = "Approve Temporary Topic"
	PUBLICIZE = "Publicize"
	START_RESEARCH = "Start Research"
	COMPLETE_RESEARCH = "Complete Research"
	MARK_CONSULTED = "Mark Consulted"
	CONCLUDE = "Conclude"
	REJECT = "Reject Topic"

	STATES = (
		DRAFT,
		SUBMITTED,
		SHORTLISTED,
		APPROVED,
		CHAIR_REVIEWED,
		TEMPORARY_APPROVED,
		PUBLICIZED,
		RESEARCHING,
		READY,
		CONSULTED,
		CONCLUDED,
		NOT_ACCEPTED,
	)
	ACTIONS = (
		SUBMIT,
		SHORTLIST,
		APPROVE,
		REVIEW_TEMPORARY_PLAN,
		APPROVE_TEMPORARY,
		PUBLICIZE,
		START_RESEARCH,
		COMPLETE_RESEARCH,
		MARK_CONSULTED,
		CONCLUDE,
		REJECT,
	)

	# groups
	# counted against the quarter's shortlist quota (Gaosuntang Plan: members shortlist 5)
	SHORTLISTED_OR_LATER = (
		SHORTLISTED,
		APPROVED,
		CHAIR_REVIEWED,
		TEMPORARY_APPROVED,
		PUBLICIZED,
		RESEARCHING,
		READY,
		CONSULTED,
		CONCLUDED,
	)
	# counted against the quarter's approval quota (Gaosuntang Plan: the party committee fixes 2)
	APPROVED_OR_LATER = SHORTLISTED_OR_LATER[1:]
	# decided by the party organisation: content and exclusion answers are settled
	DECIDED = (*APPROVED_OR_LATER, NOT_ACCEPTED)
	# publicly posted: publicity start and the earliest meeting date are settled
	PUBLICIZED_OR_LATER = (PUBLICIZED, RESEARCHING, READY, CONSULTED, CONCLUDED)
	# on the public notice: from publicity until the meeting (Yancheng Norms art. 14)
	ON_NOTICE = (PUBLICIZED, RESEARCHING, READY)
	# research may be recorded (Yancheng Norms art. 15: 不调研不协商)
	RESEARCHABLE = (PUBLICIZED, RESEARCHING, READY)
	# may be put on a meeting's agenda
	AGENDA_READY = (READY, CONSULTED)


class Outcome:
	"""Consultation Outcome Workflow (Yancheng Norms art. 17–21; Experience Reports 交督复)."""

	DOCTYPE = "Consultation Outcome"
	WORKFLOW = "Consultation Outcome Workflow"

	DRAFT = DRAFT
	REVIEWED = "Reviewed"
	REPORTED = "Reported"
	ADOPTED = "Adopted"
	PARTLY_ADOPTED = "Partly Adopted"
	NOT_ADOPTED = "Not Adopted"
	IMPLEMENTING = "Implementing"
	IMPLEMENTED = "Implemented"
	FEEDBACK_GIVEN = "Feedback Given"
	EVALUATED = "Evaluated"

	# actions
	REVIEW = "Review Outcome"
	REPORT = "Report"
	ADOPT = "Adopt"
	ADOPT_IN_PART = "Adopt in Part"
	DECLINE = "Decline"
	START_IMPLEMENTATION = "Start Implementation"
	MARK_IMPLEMENTED = "Mark Implemented"
	GIVE_FEEDBACK = "Give Feedback"
	EVALUATE = "Evaluate"
	REOPEN = "Reopen Implementation"

	STATES = (
		DRAFT,
		REVIEWED,
		REPORTED,
		ADOPTED,
		PARTLY_ADOPTED,
		NOT_ADOPTED,
		IMPLEMENTING,
		IMPLEMENTED,
		FEEDBACK_GIVEN,
		EVALUATED,
	)
	ACTIONS = (
		REVIEW,
		REPORT,
		ADOPT,
		ADOPT_IN_PART,
		DECLINE,
		START_IMPLEMENTATION,
		MARK_IMPLEMENTED,
		GIVE_FEEDBACK,
		EVALUATE,
		REOPEN,
	)

	# groups
	ADOPTED_STATES = (ADOPTED, PARTLY_ADOPTED)
	# being handled: can be overdue (交督复 — 督)
	OPEN = (ADOPTED, PARTLY_ADOPTED, IMPLEMENTING)
	# feedback may be given from here (Hai'an Plan: feed back either way)
	FEEDBACK_FROM = (IMPLEMENTED, NOT_ADOPTED)
	# feedback has been given, so it may be shown in public
	FEEDBACK_STATES = (FEEDBACK_GIVEN, EVALUATED)
	IMPLEMENTED_OR_LATER = (IMPLEMENTED, FEEDBACK_GIVEN, EVALUATED)
	# not yet decided: not on the echo wall
	UNDECIDED = (DRAFT, REVIEWED, REPORTED)
	# the decision and the assignment are settled
	DECIDED = (ADOPTED, PARTLY_ADOPTED, NOT_ADOPTED, IMPLEMENTING, IMPLEMENTED, FEEDBACK_GIVEN, EVALUATED)


class Plan:
	"""Consultation Plan Workflow (Hai'an Plan: the annual plan is approved by the party organisation)."""

	DOCTYPE = "Consultation Plan"
	WORKFLOW = "Consultation Plan Workflow"

	DRAFT = DRAFT
	SUBMITTED = "Submitted"
	APPROVED = "Party Approved"

	SUBMIT = "Submit Plan"
	APPROVE = "Approve Plan"
	RETURN = "Return Plan"

	STATES = (DRAFT, SUBMITTED, APPROVED)
	ACTIONS = (SUBMIT, APPROVE, RETURN)

	DECIDED = (APPROVED,)


PROCESSES = (Topic, Outcome, Plan)


def all_state_names() -> list[str]:
	"""Every state of the standard workflows (the Workflow State records the app installs)."""
	return sorted({s for p in PROCESSES for s in p.STATES})


def all_action_names() -> list[str]:
	"""Every action of the standard workflows (the Workflow Action Master records the app installs)."""
	return sorted({a for p in PROCESSES for a in p.ACTIONS})


@cache
def shipped(workflow: str) -> dict:
	"""The standard workflow as shipped (its JSON)."""
	for path in WORKFLOW_DIR.glob("*/*.json"):
		data = json.loads(path.read_text())
		if data["name"] == workflow:
			return data
	raise KeyError(workflow)


def shipped_order(process) -> list[str]:
	"""The process's states in the order the shipped workflow lists them (its own order of steps)."""
	return list(dict.fromkeys(row["state"] for row in shipped(process.WORKFLOW)["states"]))


def client_names() -> dict:
	"""What the browser's scripts need (frappe.boot.consult_process): the names and groups above."""

	def public(cls):
		return {
			k: list(v) if isinstance(v, tuple) else v
			for k, v in vars(cls).items()
			if k.isupper() and isinstance(v, str | tuple)
		}

	return {cls.__name__.lower(): public(cls) for cls in PROCESSES}
