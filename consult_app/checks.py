"""Named checks that controllers call from `validate()`.

Each check applies one rule of `consult_app.rules` to a document and raises that rule's specific
error with a translated message saying what is wrong and what to do.
"""

from __future__ import annotations

import frappe
from frappe import _

from consult_app import rules
from consult_app.exceptions import ConvenerError, DateOrderError, PercentRangeError
from consult_app.utils import label


def check_date_order(doc, start_field: str, end_field: str) -> None:
	"""The end of a period may not lie before its start."""
	if rules.ends_before_start(doc.get(start_field), doc.get(end_field)):
		frappe.throw(
			_("{0} ({1}) is before {2} ({3}). Enter an end that is on or after the start.").format(
				label(doc, end_field), doc.get(end_field), label(doc, start_field), doc.get(start_field)
			),
			DateOrderError,
			title=_("Dates in the wrong order"),
		)


def check_percent(doc, fieldname: str) -> None:
	"""A percentage lies within 0–100."""
	if rules.percent_out_of_range(doc.get(fieldname)):
		prefix = ""
		if doc.get("parentfield"):
			prefix = _("Row {0}: ").format(doc.idx)
		frappe.throw(
			prefix
			+ _("{0} must be between 0 and 100, not {1}.").format(label(doc, fieldname), doc.get(fieldname)),
			PercentRangeError,
			title=_("Invalid percentage"),
		)


def check_convener_composition(doc) -> None:
	"""Yancheng Norms art. 4 and Dacheng Plan IV.2 (双召集人): the first convener comes from the party side (a
	cadre, usually the party deputy secretary), the second is a CPPCC member. Warned about, refused or not
	checked, as Consultation Settings say."""
	from consult_app.consultation.doctype.consultation_settings.consultation_settings import get_settings

	mode = get_settings().convener_rule or "Warn"
	if mode == "Off" or not doc.get("conveners"):
		return
	people = {
		p.name: p
		for p in frappe.get_all(
			"Consultation Participant",
			filters={"name": ("in", [row.participant for row in doc.conveners])},
			fields=["name", "category", "is_cadre"],
		)
	}
	problems = rules.convener_composition_problems(
		(
			row.convener_order,
			people.get(row.participant, {}).get("category"),
			people.get(row.participant, {}).get("is_cadre"),
		)
		for row in doc.conveners
	)
	if not problems:
		return
	messages = {
		"first_not_party": _(
			"The first convener should come from the party side (a cadre, such as the party deputy secretary)."
		),
		"second_not_member": _("The second convener should be a CPPCC member."),
	}
	text = " ".join(messages[p] for p in dict.fromkeys(problems))
	if mode == "Refuse":
		frappe.throw(text, ConvenerError, title=_("Conveners"))
	frappe.msgprint(text, title=_("Conveners"), indicator="orange")
