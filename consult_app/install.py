"""Install and uninstall, paired: what `after_install` adds, `before_uninstall` removes."""

import frappe
from frappe.utils.fixtures import sync_fixtures

from consult_app import workflows
from consult_app.hooks import CONSULT_ROLES, WORKFLOW_ACTIONS, WORKFLOW_STATES


def after_install():
	# Frappe's install_app runs after_install before it syncs the app's fixtures; the standard
	# workflows need their Workflow States and Actions (fixtures) first.
	sync_fixtures("consult_app")
	workflows.install_missing_workflows()


def before_uninstall():
	"""Remove what the module's own uninstall leaves behind: workflows, their states and actions,
	the app's Roles (fixtures) and the records that point at them."""
	workflows.remove_workflows()
	in_use_states = set(frappe.get_all("Workflow Document State", pluck="state"))
	for state in WORKFLOW_STATES:
		if state not in in_use_states and frappe.db.exists("Workflow State", state):
			frappe.delete_doc("Workflow State", state, ignore_permissions=True, force=True)
	in_use_actions = set(frappe.get_all("Workflow Transition", pluck="action"))
	for action in WORKFLOW_ACTIONS:
		if action not in in_use_actions and frappe.db.exists("Workflow Action Master", action):
			frappe.delete_doc("Workflow Action Master", action, ignore_permissions=True, force=True)
	for role in CONSULT_ROLES:
		frappe.db.delete("Has Role", {"role": role})
		frappe.db.delete("Custom DocPerm", {"role": role})
		frappe.db.delete("User Permission", {"allow": ("like", "Consultation %")})
		if frappe.db.exists("Role", role):
			frappe.delete_doc("Role", role, ignore_permissions=True, force=True)
