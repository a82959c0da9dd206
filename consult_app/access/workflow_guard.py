"""What a workflow state lets users change, enforced on the server.

Frappe checks a state's "Only Allow Edit For" role (`allow_edit`) only in the browser: over the REST API
or `frappe.client.set_value` anyone with write permission could change a document in any state. And some
content is settled once a decision is taken: an approved topic's content, an outcome's adoption decision.
Controllers of workflow DocTypes call `check_state_allows_edit(doc)` from `validate()`:

- a save that moves the state is a transition: it must be one the user's roles may take (checked here,
  before the controller's step logic, as Frappe checks it only after `validate`), and the owner may not
  take one that forbids self-approval (Frappe checks "Allow Self Approval" only in apply_workflow, not when
  a REST PUT or frappe.client.set_value writes the next state itself);
- any other save that changes a field of permission level 0 must come from a role the current state allows
  to edit (every row of the workflow for that state counts) or System Manager; fields of a higher level
  are governed by that level's write permission;
- fields settled in a state (SETTLED below) do not change without a transition, whoever saves.
Administrator (maintenance, scheduled jobs) is not restricted.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model import default_fields, no_value_fields
from frappe.model.workflow import (
	WorkflowPermissionError,
	get_workflow_name,
	is_transition_condition_satisfied,
)

from consult_app.access.roles import SYSTEM_MANAGER
from consult_app.exceptions import SelfApprovalError, SettledFieldError, WorkflowStateLockedError
from consult_app.process.states import Outcome, Plan, Topic
from consult_app.rules import EXCLUSION_FIELDS

# DocType -> [(states in which the fields are settled, fields)]
SETTLED = {
	Topic.DOCTYPE: [
		(
			Topic.DECIDED,
			(
				"title",
				"description",
				"room",
				"source",
				"subject_category",
				"focus",
				"year",
				"quarter",
				"approved_by",
				"approved_on",
				"rejection_reason",
				# whether the topic runs within the annual plan or needs its own approval (Hai'an Plan II.3)
				"is_temporary",
				"plan",
				"filing_date",
				"filing_number",
				*EXCLUSION_FIELDS,
			),
		),
		# the publicity period (Yancheng Norms art. 14) is set by the step Publicize
		(Topic.PUBLICIZED_OR_LATER, ("publicity_start", "earliest_meeting_date")),
	],
	Outcome.DOCTYPE: [
		(
			Outcome.DECIDED,
			(
				"title",
				"outcome_type",
				"topic",
				"meeting",
				"content",
				"adoption_decision",
				"adoption_reason",
				"decided_on",
				"handling_class",
				"class_explanation",
			),
		)
	],
	Plan.DOCTYPE: [(Plan.DECIDED, ("room", "year", "approved_by", "approved_on"))],
}
IGNORED = {*default_fields, "workflow_state", "_seen", "_comments", "_assign", "_liked_by", "_user_tags"}


def changed_fields(doc, before) -> list[str]:
	"""Fieldnames whose value differs from the stored document (child tables compared row by row)."""
	changed = []
	for df in doc.meta.fields:
		if df.fieldname in IGNORED or (
			df.fieldtype in no_value_fields and df.fieldtype not in ("Table", "Table MultiSelect")
		):
			continue
		if df.fieldtype in ("Table", "Table MultiSelect"):
			if _rows(doc.get(df.fieldname)) != _rows(before.get(df.fieldname)):
				changed.append(df.fieldname)
		elif _norm(doc.get(df.fieldname)) != _norm(before.get(df.fieldname)):
			changed.append(df.fieldname)
	return changed


def _norm(value):
	if value in (None, ""):
		return None
	if isinstance(value, float) and value.is_integer():
		return int(value)
	return str(value) if not isinstance(value, int | float) else value


def _rows(rows) -> list[dict]:
	out = []
	for row in rows or []:
		d = row.as_dict() if hasattr(row, "as_dict") else dict(row)
		out.append({k: _norm(v) for k, v in d.items() if k not in IGNORED and not k.startswith("__")})
	return out


def check_state_allows_edit(doc) -> None:
	if (
		doc.is_new()
		or frappe.session.user == "Administrator"
		or frappe.flags.in_install
		or frappe.flags.in_migrate
	):
		return
	workflow_name = get_workflow_name(doc.doctype)
	before = doc.get_doc_before_save()
	if not workflow_name or not before:
		return
	workflow = frappe.get_cached_doc("Workflow", workflow_name)
	field = workflow.workflow_state_field
	state = before.get(field)
	if doc.get(field) != state:
		check_transition(doc, before, workflow, state, doc.get(field))
		return  # a transition: the step's own rules are the controller's
	changed = changed_fields(doc, before)
	if not changed:
		return
	settled = {f for states, fields in SETTLED.get(doc.doctype, ()) if state in states for f in fields}
	if settled:
		touched = [f for f in changed if f in settled]
		if touched:
			frappe.throw(
				_(
					"{0} is {1}: {2} can no longer be changed. Use the workflow to change the decision."
				).format(_(doc.doctype), _(state), ", ".join(_(doc.meta.get_label(f)) for f in touched)),
				SettledFieldError,
			)
	# fields of a higher permission level are governed by that level's write permission (Frappe's own
	# check): a member records the evaluation of an outcome whatever the state lets others edit
	if not any(not doc.meta.get_field(f).permlevel for f in changed):
		return
	editors = {row.allow_edit for row in workflow.states if row.state == state and row.allow_edit}
	roles = set(frappe.get_roles())
	if SYSTEM_MANAGER in roles or editors & roles:
		return
	frappe.throw(
		_("In the state {0} only {1} may edit this {2}.").format(
			_(state), _(", ").join(_(r) for r in sorted(editors)) or _("nobody"), _(doc.doctype)
		),
		WorkflowStateLockedError,
	)


def check_transition(doc, before, workflow, state, next_state) -> None:
	"""A save that writes the next state itself (REST PUT, frappe.client.set_value) must be a transition the
	user may take, checked here, before the controller's step logic runs (Frappe checks it only after
	`validate`); and the owner may not take a transition that does not allow self-approval (Frappe checks
	that only in apply_workflow)."""
	roles = set(frappe.get_roles())
	moves = [
		t
		for t in workflow.transitions
		if t.state == state
		and t.next_state == next_state
		and t.allowed in roles
		and is_transition_condition_satisfied(t, before)
	]
	if not moves:
		frappe.throw(
			_("Workflow State transition not allowed from {0} to {1}").format(
				frappe.bold(_(state)), frappe.bold(_(next_state))
			),
			WorkflowPermissionError,
		)
	if frappe.session.user == doc.get("owner") and not any(t.allow_self_approval for t in moves):
		frappe.throw(
			_(
				"Self approval is not allowed: {0} was created by you, another user must take the step to {1}."
			).format(_(doc.doctype), _(next_state)),
			SelfApprovalError,
		)
