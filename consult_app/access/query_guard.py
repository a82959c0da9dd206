"""No filtering, sorting or grouping by a field the user cannot read.

Frappe 15.44 leaves a field the user may not read (a permission level above theirs: a participant's
phone and ID number, a proposer's phone) out of the columns a list returns, but not out of its filters,
sort order or grouping: `filters={"id_number": ["like", "1101%"]}` on a list, a count, an export, a
group-by count, `frappe.client.get_value` or `frappe.client.get` tells a member whether a participant's
hidden value starts with a guess, and counting narrows it down digit by digit.

`check_request` (a `before_request` hook, next to payload_guard) reads the arguments of any request for an
app DocType — REST `/api/resource/<DocType>`, or any method called with a `doctype` — and refuses
(HiddenFieldQueryError, HTTP 403) `filters`, `or_filters`, `order_by`, `sort_by`, `group_by`,
`current_filters`, `field` and `aggregate_on_field` that name a field of the DocType (or of one of its
child tables) above the user's permission level. The same check serves the app's link search
(access/search.py). Administrator is not checked.
"""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import frappe
from frappe import _
from frappe.model import get_permitted_fields, no_value_fields, table_fields

from consult_app.exceptions import HiddenFieldQueryError

APP_MODULE = "Consultation"
RESOURCE = re.compile(r"^/api/(?:v1/)?resource/([^/]+)/?$")
FILTER_ARGS = ("filters", "or_filters", "current_filters")
EXPRESSION_ARGS = ("order_by", "sort_by", "group_by", "field", "aggregate_on_field", "group_by_field")
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def check_request() -> None:
	request = getattr(frappe, "request", None)
	if not request or frappe.session.user == "Administrator":
		return
	resource = RESOURCE.match(request.path or "")
	doctype = unquote(resource.group(1)) if resource else frappe.form_dict.get("doctype")
	if not isinstance(doctype, str) or not is_app_doctype(doctype):
		return
	check_query(doctype, **{k: frappe.form_dict.get(k) for k in FILTER_ARGS + EXPRESSION_ARGS})


def check_query(doctype: str, **args) -> None:
	"""Refuses a query of `doctype` whose filters, order or grouping name a field the user cannot read."""
	hidden = hidden_fields(doctype)
	named = set()
	for key in FILTER_ARGS:
		named |= filter_fields(doctype, args.get(key))
	for key in EXPRESSION_ARGS:
		named |= expression_fields(doctype, args.get(key))
	refused = sorted(
		(dt, f)
		for dt, f in named
		if f in (hidden if dt == doctype else hidden_fields(dt, parenttype=doctype))
	)
	if refused:
		frappe.throw(
			_(
				"You may not filter, sort or group {0} by {1}: you cannot read it. "
				"Remove it from the filters, the sort order and the grouping."
			).format(_(doctype), _(", ").join(_(label(dt, f)) for dt, f in refused)),
			HiddenFieldQueryError,
		)


def hidden_fields(doctype: str, parenttype: str | None = None) -> set[str]:
	"""Fields of `doctype` above the permission levels the session user may read."""
	if not frappe.db.exists("DocType", doctype):
		return set()  # not a DocType: Frappe answers for that
	meta = frappe.get_meta(doctype)
	levelled = {
		df.fieldname
		for df in meta.fields
		if df.permlevel and df.fieldtype not in no_value_fields and df.fieldtype not in table_fields
	}
	if not levelled:
		return set()
	return levelled - set(get_permitted_fields(doctype, parenttype=parenttype, permission_type="read"))


def filter_fields(doctype: str, filters) -> set[tuple[str, str]]:
	"""(DocType, field) pairs a filters argument names (dict, list of lists, or their JSON)."""
	filters = parse(filters)
	if not filters:
		return set()
	if isinstance(filters, dict):
		return {split(doctype, key) for key in filters if isinstance(key, str)}
	named = set()
	for f in filters if isinstance(filters, list) else ():
		if isinstance(f, dict):
			named |= filter_fields(doctype, f)
		elif isinstance(f, list | tuple) and f:
			if len(f) >= 4 and isinstance(f[0], str) and isinstance(f[1], str):
				named.add(split(f[0], f[1]))
			elif isinstance(f[0], str):
				named.add(split(doctype, f[0]))
		elif isinstance(f, str):
			named |= expression_fields(doctype, f)
	return named


def expression_fields(doctype: str, expression) -> set[tuple[str, str]]:
	"""(DocType, field) pairs an order-by or group-by expression names (every identifier in it)."""
	if not expression:
		return set()
	if not isinstance(expression, str):
		expression = json.dumps(expression)
	named = set()
	for table, column in re.findall(r"`tab([^`]+)`\s*\.\s*`?([A-Za-z0-9_]+)`?", expression):
		named.add((table, column))
	named |= {(doctype, word) for word in IDENTIFIER.findall(expression)}
	return named


def split(doctype: str, fieldname: str) -> tuple[str, str]:
	"""A filter's field, which may be `child_doctype.field` or quoted."""
	fieldname = fieldname.replace("`", "").strip()
	if "." in fieldname:
		table, fieldname = fieldname.rsplit(".", 1)
		table = table.removeprefix("tab")
		if frappe.db.exists("DocType", table):
			doctype = table
	return doctype, fieldname


def parse(value):
	if isinstance(value, str):
		try:
			return json.loads(value)
		except ValueError:
			return value
	return value


def label(doctype: str, fieldname: str) -> str:
	df = frappe.get_meta(doctype).get_field(fieldname)
	return df.label if df and df.label else fieldname


def is_app_doctype(doctype: str) -> bool:
	return frappe.db.get_value("DocType", doctype, "module", cache=True) == APP_MODULE
