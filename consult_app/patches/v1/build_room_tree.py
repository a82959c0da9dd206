"""Rooms became a tree (county → town/street or park → village/community or enterprise): number the
existing rooms, all of them roots until the office places them."""

import frappe
from frappe.utils.nestedset import rebuild_tree


def execute():
	for name, level in frappe.get_all("Consultation Room", fields=["name", "level"], as_list=True):
		is_group = 1 if level in ("County", "Town/Street", "Park") else 0
		frappe.db.set_value("Consultation Room", name, "is_group", is_group, update_modified=False)
	rebuild_tree("Consultation Room")
