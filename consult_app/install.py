"""Install and uninstall, paired: what `after_install` and `after_migrate` add, `before_uninstall` removes.

The records the app needs from Frappe's own DocTypes — its Roles, the Workflow States and Actions of its
workflows, the workflows themselves — are created when the site lacks them, on install and on every
migrate. They are not fixtures: Frappe re-imports fixtures on every migrate, which would undo what a
site's IT staff changed (a role's desk settings, a state's colour, a workflow step).
"""

import json
from pathlib import Path

import frappe

from consult_app import email_reports
from consult_app.access import roles
from consult_app.process import states, workflows

APP_DIR = Path(__file__).resolve().parent
RECORDS = (
	APP_DIR / "access" / "roles.json",
	APP_DIR / "process" / "workflow_states.json",
	APP_DIR / "process" / "workflow_actions.json",
)


def after_install():
	ensure_standard_records()


def after_migrate():
	ensure_standard_records()


def ensure_standard_records() -> list[str]:
	"""Create the shipped Roles, Workflow States and Actions, workflows and email reports that the site lacks.
	Returns what was created."""
	created = []
	for path in RECORDS:
		for record in json.loads(path.read_text()):
			if not frappe.db.exists(record["doctype"], record["name"]):
				frappe.get_doc(record).insert(ignore_permissions=True)
				created.append(f"{record['doctype']} {record['name']}")
	created += [f"Workflow {name}" for name in workflows.install_missing_workflows()]
	created += [f"Auto Email Report {name}" for name in email_reports.install_missing()]
	return created


def before_uninstall():
	"""Remove the workflows, their states and actions, the app's Roles, its email reports and the records that
	point at them."""
	email_reports.remove_all()
	workflows.remove_workflows()
	in_use_states = set(frappe.get_all("Workflow Document State", pluck="state"))
	for state in states.all_state_names():
		if state not in in_use_states and frappe.db.exists("Workflow State", state):
			frappe.delete_doc("Workflow State", state, ignore_permissions=True, force=True)
	in_use_actions = set(frappe.get_all("Workflow Transition", pluck="action"))
	for action in states.all_action_names():
		if action not in in_use_actions and frappe.db.exists("Workflow Action Master", action):
			frappe.delete_doc("Workflow Action Master", action, ignore_permissions=True, force=True)
	frappe.db.delete("User Permission", {"allow": ("like", "Consultation %")})
	for role in roles.APP_ROLES:
		frappe.db.delete("Has Role", {"role": role})
		frappe.db.delete("Custom DocPerm", {"role": role})
		if frappe.db.exists("Role", role):
			frappe.delete_doc("Role", role, ignore_permissions=True, force=True)
