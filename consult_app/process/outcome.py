"""What each step of an outcome needs, and what follows from it (Consultation Outcome Workflow).

Sources: Yancheng Norms art. 17–21 (outcomes reported, adopted, implemented, fed back), Experience
Reports ("交、督、复" tracking), Hai'an Plan II.5 (feedback to participants, stakeholders and the public).
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import escape_html, now_datetime, today

from consult_app import mail, rules
from consult_app.exceptions import (
	AssignmentMissingError,
	EvaluationIncompleteError,
	EvaluationWithoutFeedbackError,
	FeedbackMissingError,
	FeedbackNotAllowedError,
)
from consult_app.process import flow
from consult_app.process.states import Outcome
from consult_app.utils import label

OUTCOME = Outcome.DOCTYPE


# -- decision (交) -----------------------------------------------------------------------------------


def assignment(outcome, previous):
	"""Experience Reports, report 4: an adopted outcome is handled as A (implemented), B (planned, solved step
	by step) or C (not yet feasible, explained). Report 1, 交督复 — 交: an A or B outcome is assigned to a
	handling unit with a deadline; a C outcome carries the explanation given to the proposer."""
	if outcome.handling_class not in rules.HANDLING_CLASSES:
		frappe.throw(
			_(
				"Before adopting this outcome, choose its {0} (A, B or C) on the Adoption and Assignment tab and save."
			).format(label(outcome, "handling_class")),
			AssignmentMissingError,
			title=_("Handling class missing"),
		)
	if not rules.is_assigned_class(outcome.handling_class):
		if not (outcome.class_explanation or "").strip():
			frappe.throw(
				_(
					"A class C outcome is explained to the proposer instead of being implemented: enter the {0} and save, then adopt."
				).format(label(outcome, "class_explanation")),
				AssignmentMissingError,
				title=_("Explanation missing"),
			)
		record_decision(outcome, previous)
		return
	missing = rules.missing_assignment(outcome.handling_unit, outcome.due_date)
	if missing:
		frappe.throw(
			_("Before adopting this outcome, enter {0} on the Adoption and Assignment tab and save.").format(
				_(", ").join(label(outcome, f) for f in missing)
			),
			AssignmentMissingError,
			title=_("Assignment missing"),
		)
	record_decision(outcome, previous)


def record_decision(outcome, previous):
	"""The decision and its date (the workflow's state sets adoption_decision too, through update_field;
	a state written directly over REST passes here only)."""
	outcome.adoption_decision = outcome.workflow_state
	if not outcome.decided_on:
		outcome.decided_on = today()


# -- reopening after an unsatisfied evaluation ---------------------------------------------------------


def clear_evaluation_on_reopening(outcome, previous):
	"""Reopened after a "Not Satisfied" evaluation: the next round needs new feedback and a new evaluation,
	so both are cleared here; the old evaluation is kept as a comment."""
	if previous != Outcome.EVALUATED:
		return
	outcome.flags.reopened_evaluation = {
		"satisfaction": outcome.satisfaction,
		"comment": outcome.evaluation_comment,
	}
	outcome.satisfaction = None
	outcome.evaluation_comment = None
	outcome.feedback_sent_on = None


def record_reopening(outcome, previous):
	old = outcome.flags.pop("reopened_evaluation", None)
	if old:
		outcome.add_comment(
			"Info",
			_('Implementation reopened after the evaluation "{0}": {1}').format(
				_(old.get("satisfaction") or ""), escape_html(old.get("comment") or "")
			),
		)


# -- feedback (复) ------------------------------------------------------------------------------------


def feedback(outcome, previous):
	"""Hai'an Plan II.5, Yancheng Norms art. 19: feedback to the participants once implemented or declined."""
	if not rules.feedback_allowed_from(previous, outcome.handling_class):
		frappe.throw(
			_(
				"Feedback can be given only on an outcome that is implemented, not adopted, or of class C; this one is {0}."
			).format(_(previous or Outcome.DRAFT)),
			FeedbackNotAllowedError,
		)
	if not (outcome.feedback_to_participants or "").strip():
		frappe.throw(
			_("Enter the {0} on the Feedback and Evaluation tab and save, then give feedback.").format(
				label(outcome, "feedback_to_participants")
			),
			FeedbackMissingError,
			title=_("Feedback missing"),
		)
	outcome.feedback_sent_on = now_datetime()


def send_feedback(outcome, previous):
	recipients = feedback_recipients(outcome)
	if recipients:
		mail.send(
			recipients=recipients,
			subject=_("Feedback on the consultation outcome: {0}").format(outcome.title),
			message=escape_html(outcome.feedback_to_participants).replace("\n", "<br>"),
			reference_doctype=OUTCOME,
			reference_name=outcome.name,
		)
	outcome.add_comment(
		"Info",
		_("Feedback sent to {0} recipient(s).").format(len(recipients))
		if recipients
		else _("Feedback recorded; no participant or proposer has an email address."),
	)


def feedback_recipients(outcome) -> list[str]:
	"""Every participant of the meeting who has an email, and the topic's proposer."""
	recipients = []
	if outcome.meeting:
		participants = frappe.get_all(
			"Consultation Meeting Participant",
			filters={"parent": outcome.meeting, "parenttype": "Consultation Meeting"},
			pluck="participant",
		)
		recipients += participant_emails(participants)
	if outcome.topic:
		proposer, proposer_email = frappe.db.get_value(
			"Consultation Topic", outcome.topic, ["proposer", "proposer_email"]
		)
		recipients += [proposer_email] if proposer_email else participant_emails([proposer])
	return list(dict.fromkeys(r for r in recipients if r))


def participant_emails(participants) -> list[str]:
	"""Emails of Consultation Participants: their own email, else their linked user's."""
	names = [p for p in participants if p]
	if not names:
		return []
	rows = frappe.get_all(
		"Consultation Participant", filters={"name": ("in", names)}, fields=["name", "email", "user"]
	)
	by_name = {r.name: (r.email or (r.user if r.user and "@" in r.user else None)) for r in rows}
	return [by_name[p] for p in names if by_name.get(p)]


# -- evaluation (评) ----------------------------------------------------------------------------------


def evaluation(outcome, previous):
	"""An outcome cannot be closed without feedback (DOMAIN); the evaluation records satisfaction."""
	if not outcome.feedback_sent_on:
		frappe.throw(
			_(
				"No feedback has been sent on this outcome. Give feedback to the participants before evaluating it."
			),
			EvaluationWithoutFeedbackError,
		)
	missing = [f for f in ("satisfaction", "evaluation_comment") if not (outcome.get(f) or "").strip()]
	if missing:
		frappe.throw(
			_("Enter {0} on the Feedback and Evaluation tab and save, then evaluate.").format(
				_(", ").join(label(outcome, f) for f in missing)
			),
			EvaluationIncompleteError,
		)
	outcome.evaluated_by = frappe.session.user


def conclude_topic_when_all_evaluated(outcome, previous):
	"""The topic is concluded when every one of its outcomes is evaluated."""
	states = frappe.get_all(OUTCOME, filters={"topic": outcome.topic}, pluck="workflow_state")
	if rules.all_evaluated(states):
		flow.advance_topic(outcome.topic, flow.OUTCOMES_EVALUATED, outcome)


# What each step needs (its gates, from validate) and what follows from it (after it is saved).
GATES = {
	Outcome.ADOPTED: (assignment,),
	Outcome.PARTLY_ADOPTED: (assignment,),
	Outcome.NOT_ADOPTED: (record_decision,),
	Outcome.IMPLEMENTING: (clear_evaluation_on_reopening,),
	Outcome.FEEDBACK_GIVEN: (feedback,),
	Outcome.EVALUATED: (evaluation,),
}
AFTER = {
	Outcome.IMPLEMENTING: (record_reopening,),
	Outcome.FEEDBACK_GIVEN: (send_feedback,),
	Outcome.EVALUATED: (conclude_topic_when_all_evaluated,),
}
