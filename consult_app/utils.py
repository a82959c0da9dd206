"""Small helpers of the app's forms and messages."""

from __future__ import annotations

import frappe
from frappe import _


def label(doc, fieldname: str) -> str:
	"""The translated label of a field, as the user sees it on the form."""
	df = doc.meta.get_field(fieldname)
	return _(df.label, context=df.parent) if df else fieldname


def participant_values(participants, field: str) -> dict[str, object]:
	"""{participant: value of `field`} for the given Consultation Participants, in one query."""
	return dict(
		frappe.get_all(
			"Consultation Participant",
			filters={"name": ("in", list(participants) or [""])},
			fields=["name", field],
			as_list=True,
		)
	)
