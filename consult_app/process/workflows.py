"""The standard workflows the app ships (consultation/workflow/*/*.json).

Frappe does not sync Workflows from module folders, and a workflow is exactly what a site's IT staff
adapt (steps, roles, messages). So on install and on every migrate the app:
- installs a standard workflow when the site has no workflow for its DocType;
- upgrades it to a newer shipped definition only while the site's copy is still exactly the one the app
  installed (a fingerprint of it is kept in the site's defaults);
- never touches a workflow the site has edited.
`bench --site SITE consult-reset-workflow "Consultation Topic Workflow"` resets one to the standard on
purpose (all of them without a name).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import frappe

WORKFLOW_DIR = Path(__file__).resolve().parent.parent / "consultation" / "workflow"
FINGERPRINT_KEY = "consult_app_workflow:{}"


def standard_workflows() -> dict[str, dict]:
	"""Workflow name -> its shipped definition."""
	found = {}
	for path in sorted(WORKFLOW_DIR.glob("*/*.json")):
		data = json.loads(path.read_text())
		found[data["name"]] = data
	return found


def fingerprint(workflow: dict) -> str:
	"""What a workflow does (not when or by whom it was saved), as a hash."""

	def rows(key, fields):
		return sorted(json.dumps([str(r.get(f) or "") for f in fields]) for r in workflow.get(key) or [])

	essence = {
		"doctype": workflow.get("document_type"),
		"field": workflow.get("workflow_state_field"),
		"active": int(workflow.get("is_active") or 0),
		"email": int(workflow.get("send_email_alert") or 0),
		"states": rows(
			"states", ("state", "doc_status", "allow_edit", "update_field", "update_value", "message")
		),
		"transitions": rows(
			"transitions", ("state", "action", "next_state", "allowed", "allow_self_approval", "condition")
		),
	}
	return hashlib.sha256(json.dumps(essence, sort_keys=True).encode()).hexdigest()


def site_workflow(name: str) -> dict | None:
	if not frappe.db.exists("Workflow", name):
		return None
	return frappe.get_doc("Workflow", name).as_dict()


def installed_fingerprint(name: str) -> str | None:
	"""The fingerprint of the definition the app installed (read from the table, not the defaults cache)."""
	return frappe.db.get_value(
		"DefaultValue", {"parent": "__default", "defkey": FINGERPRINT_KEY.format(name)}, "defvalue"
	)


def install_missing_workflows() -> list[str]:
	"""Install standard workflows the site lacks and upgrade those it has not edited. Returns their names."""
	changed = []
	for name, data in standard_workflows().items():
		current = site_workflow(name)
		if current is None:
			if frappe.db.exists("Workflow", {"document_type": data["document_type"]}):
				continue  # the site runs its own workflow for this DocType
			_insert(data)
			changed.append(name)
			continue
		installed = installed_fingerprint(name)
		if installed and installed == fingerprint(current) and installed != fingerprint(data):
			reset_workflow(name)
			changed.append(name)
	return changed


def reset_workflow(name: str) -> None:
	"""Replace the site's workflow `name` (and any other workflow of its DocType) with the standard one."""
	data = standard_workflows().get(name)
	if not data:
		frappe.throw(frappe._("{0} is not a standard workflow of this app.").format(name))
	for other in frappe.get_all("Workflow", filters={"document_type": data["document_type"]}, pluck="name"):
		frappe.delete_doc("Workflow", other, ignore_permissions=True, force=True)
	_insert(data)


def _insert(data: dict) -> None:
	doc = frappe.get_doc({k: v for k, v in data.items() if k not in ("creation", "modified", "owner")})
	doc.insert(ignore_permissions=True)
	frappe.db.set_default(FINGERPRINT_KEY.format(doc.name), fingerprint(doc.as_dict()))


def remove_workflows() -> None:
	"""Uninstall: remove the standard workflows' records, whatever the site made of them."""
	for name, data in standard_workflows().items():
		for wf in frappe.get_all("Workflow", filters={"document_type": data["document_type"]}, pluck="name"):
			frappe.delete_doc("Workflow", wf, ignore_permissions=True, force=True)
		frappe.db.set_default(FINGERPRINT_KEY.format(name), None)
