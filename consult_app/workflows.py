"""The standard workflows the app ships (consultation/workflow/*/*.json).

Frappe does not sync Workflows from module folders, and a workflow is exactly what a site's IT staff
adapt (steps, roles, messages). So the app installs each standard workflow only when the site has
no workflow for that DocType, never overwrites one on migrate or upgrade, and resets one to the
standard on purpose: `bench --site SITE consult-reset-workflow "Consultation Topic Workflow"`.
"""

from __future__ import annotations

import json
from pathlib import Path

import frappe

WORKFLOW_DIR = Path(__file__).parent / "consultation" / "workflow"


def standard_workflows() -> dict[str, dict]:
	"""Workflow name -> its shipped definition."""
	found = {}
	for path in sorted(WORKFLOW_DIR.glob("*/*.json")):
		data = json.loads(path.read_text())
		found[data["name"]] = data
	return found


def install_missing_workflows() -> list[str]:
	"""Install each standard workflow whose DocType has no workflow on this site yet."""
	installed = []
	for name, data in standard_workflows().items():
		if frappe.db.exists("Workflow", {"document_type": data["document_type"]}):
			continue
		_insert(data)
		installed.append(name)
	return installed


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


def remove_workflows() -> None:
	"""Uninstall: remove the standard workflows' records, whatever the site made of them."""
	for data in standard_workflows().values():
		for name in frappe.get_all(
			"Workflow", filters={"document_type": data["document_type"]}, pluck="name"
		):
			frappe.delete_doc("Workflow", name, ignore_permissions=True, force=True)
