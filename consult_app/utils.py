"""Small helpers of the app's forms and messages."""

from __future__ import annotations

from frappe import _


def label(doc, fieldname: str) -> str:
	"""The translated label of a field, as the user sees it on the form."""
	df = doc.meta.get_field(fieldname)
	return _(df.label, context=df.parent) if df else fieldname
