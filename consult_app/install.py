"""Install and uninstall, paired: what `after_install` adds, `before_uninstall` removes."""

import frappe

from consult_app.hooks import CONSULT_ROLES


def after_install():
	pass


def before_uninstall():
	"""Remove what the module's own uninstall leaves behind: the app's Roles (fixtures) and the
	records that point at them."""
	for role in CONSULT_ROLES:
		frappe.db.delete("Has Role", {"role": role})
		frappe.db.delete("Custom DocPerm", {"role": role})
		if frappe.db.exists("Role", role):
			frappe.delete_doc("Role", role, ignore_permissions=True, force=True)
