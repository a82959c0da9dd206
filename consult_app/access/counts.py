"""`frappe.client.get_count` answers for any DocType and any filters without a permission check in Frappe
15.44 (it calls frappe.db.count): a user could count another room's topics, or count participants by a
hidden field until a value is guessed. For the app's DocTypes the count is the one the user's own list
would give (frappe.get_list: role permissions, User Permissions, the app's row rules); other DocTypes are
counted as Frappe counts them."""

from __future__ import annotations

import frappe
from frappe.client import get_count as frappe_get_count

APP_MODULE = "Consultation"


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug: bool = False, cache: bool = False) -> int:
	if frappe.db.get_value("DocType", doctype, "module", cache=True) != APP_MODULE:
		return frappe_get_count(doctype, filters, debug, cache)
	rows = frappe.get_list(
		doctype, filters=frappe.parse_json(filters) if filters else None, fields=["count(*) as count"]
	)
	return rows[0].count if rows else 0
