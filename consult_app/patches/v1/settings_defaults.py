"""New Consultation Settings (filing levels, the convener check) take their defaults on sites whose settings
were saved before they existed: a Single keeps no value for a field it did not have."""

import frappe

DEFAULTS = {
	"filing_town": 1,
	"filing_park": 1,
	"filing_village": 0,
	"filing_enterprise": 0,
	"convener_rule": "Warn",
	"score_evaluation": 1,
}


def execute():
	stored = set(
		frappe.db.sql_list("select field from `tabSingles` where doctype = %s", "Consultation Settings")
	)
	for field, value in DEFAULTS.items():
		if field not in stored:
			frappe.db.set_single_value("Consultation Settings", field, value)
