"""The bare twins of Consultation Topic the benchmark compares it with (P1, P2).

- "Bench Topic Twin": a custom DocType with the same fields and permissions as Consultation Topic, and an
  active copy of the site's Consultation Topic Workflow (same states, transitions and roles);
- "Bench Topic Bare": the same DocType without a workflow.

Neither has the app's controller, hooks or row rules: the difference is what the app adds. They are made on
the benchmark's own site only, and made again when the topic's fields or workflow changed.
"""

from __future__ import annotations

import hashlib
import json

import frappe

from consult_app.process.states import Topic

TWIN = "Bench Topic Twin"
BARE = "Bench Topic Bare"
TWIN_WORKFLOW = "Bench Topic Twin Workflow"

SKIP_KEYS = {
	"name",
	"parent",
	"parenttype",
	"parentfield",
	"idx",
	"creation",
	"modified",
	"owner",
	"modified_by",
}
SKIP_KEYS |= {"doctype", "docstatus"}
DOCTYPE_PROPERTIES = (
	"title_field",
	"track_changes",
	"allow_import",
	"search_fields",
	"sort_field",
	"sort_order",
)


def _copy_rows(rows) -> list[dict]:
	return [{k: v for k, v in row.as_dict().items() if k not in SKIP_KEYS} for row in rows]


def _fingerprint(fields, perms, workflow) -> str:
	return hashlib.sha1(
		json.dumps([fields, perms, workflow], sort_keys=True, default=str).encode()
	).hexdigest()[:12]


def ensure_twins() -> None:
	meta = frappe.get_meta(Topic.DOCTYPE)
	fields = _copy_rows(meta.fields)
	perms = [{**p, "import": 0} for p in _copy_rows(meta.permissions)]  # a custom DocType's rule
	workflow = frappe.get_doc("Workflow", Topic.WORKFLOW)
	wf_states, wf_transitions = _copy_rows(workflow.states), _copy_rows(workflow.transitions)
	mark = _fingerprint(fields, perms, [wf_states, wf_transitions])
	for doctype, prefix in ((TWIN, "BTWIN-.YYYY.-.#####"), (BARE, "BBARE-.YYYY.-.#####")):
		if frappe.db.exists("DocType", doctype):
			if frappe.db.get_value("DocType", doctype, "description") == mark:
				continue
			if frappe.db.exists("Workflow", TWIN_WORKFLOW):
				frappe.delete_doc("Workflow", TWIN_WORKFLOW, force=True, ignore_permissions=True)
			frappe.delete_doc("DocType", doctype, force=True, ignore_permissions=True)
		frappe.get_doc(
			{
				"doctype": "DocType",
				"name": doctype,
				"module": meta.module,
				"custom": 1,
				"autoname": prefix,
				"description": mark,
				**{k: meta.get(k) for k in DOCTYPE_PROPERTIES},
				"fields": fields,
				"permissions": perms,
			}
		).insert(ignore_permissions=True)
	if not frappe.db.exists("Workflow", TWIN_WORKFLOW):
		frappe.get_doc(
			{
				"doctype": "Workflow",
				"workflow_name": TWIN_WORKFLOW,
				"document_type": TWIN,
				"is_active": 1,
				"workflow_state_field": workflow.workflow_state_field,
				"send_email_alert": workflow.send_email_alert,
				"override_status": workflow.override_status,
				"states": wf_states,
				"transitions": wf_transitions,
			}
		).insert(ignore_permissions=True)
	frappe.db.commit()
	frappe.clear_cache()
