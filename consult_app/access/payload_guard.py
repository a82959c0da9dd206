"""Malformed writes to the app's documents are refused before Frappe builds a document from them.

Frappe turns posted JSON into a document before any controller runs (`frappe.new_doc(doctype, **data)`,
`doc.update(data)`, `frappe.get_doc(dict)`), checks links and hands values to MariaDB as they are. A value
of the wrong shape then fails deep inside Frappe or the database (TypeError, ValueError, an SQL error) and
the client gets HTTP 500 — found by the fuzz test (tests/integration/test_robustness.py): a text where
a child table's rows are expected, a list in a Link field, an object in a Data field, a text for `idx`,
a number out of a column's range, a date that is not a date.

`check_request` (a `before_request` hook) looks at the writes that carry document values — REST
`/api/resource/<DocType>` POST/PUT, `frappe.client.insert/save/submit/insert_many/set_value`,
`apply_workflow`, `run_doc_method`, the Desk's `savedocs` and the web form's `accept` — and, for the app's
DocTypes (module Consultation) only, refuses a value of the wrong shape with MalformedValueError (HTTP 417,
translated message) before Frappe parses it. Values of the right shape go on to the normal checks
(permissions, workflow, controllers). Requests for other apps' DocTypes are left alone.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
from urllib.parse import unquote

import frappe
from frappe import _
from frappe.model import table_fields

from consult_app.exceptions import MalformedValueError

APP_MODULE = "Consultation"
RESOURCE = re.compile(r"^/api/(?:v1/)?resource/([^/]+)")
# whitelisted method -> the argument that holds a document (or, for the plural names, a list of them)
DOC_ARGUMENTS = {
	"frappe.client.insert": "doc",
	"frappe.client.save": "doc",
	"frappe.client.submit": "doc",
	"frappe.client.insert_many": "docs",
	"frappe.model.workflow.apply_workflow": "doc",
	"run_doc_method": "docs",
	"frappe.handler.run_doc_method": "docs",
	"frappe.desk.form.save.savedocs": "doc",
}
WEB_FORM_ACCEPT = "frappe.website.doctype.web_form.web_form.accept"
STANDARD = {
	"name": "Data",
	"owner": "Data",
	"modified_by": "Data",
	"parent": "Data",
	"parentfield": "Data",
	"parenttype": "Data",
	"doctype": "Data",
	"idx": "Int",
	"docstatus": "Int",
	"creation": "Datetime",
	"modified": "Datetime",
}
INT_TYPES = ("Int", "Check")
NOT_NULL = ("idx", "docstatus")
NUMBER_TYPES = ("Float", "Currency", "Percent")
INT_LIMIT = 2**31 - 1  # int(11) columns
NUMBER_LIMIT = 10**12  # decimal(21,9) columns


def check_request() -> None:
	request = getattr(frappe, "request", None)
	if not request or request.method not in ("POST", "PUT", "PATCH"):
		return
	resource = RESOURCE.match(request.path or "")
	if resource:
		doctype = unquote(resource.group(1))
		if is_app_doctype(doctype):
			check_doc(doctype, request_document())
		return
	method = request.path[len("/api/method/") :] if request.path.startswith("/api/method/") else None
	method = method or frappe.form_dict.get("cmd")
	if method == "frappe.client.set_value":
		check_set_value()
	elif method == WEB_FORM_ACCEPT:
		check_web_form()
	elif method in DOC_ARGUMENTS:
		docs = parse(frappe.form_dict.get(DOC_ARGUMENTS[method]))
		for doc in docs if isinstance(docs, list) else [docs]:
			if isinstance(doc, dict) and is_app_doctype(doc.get("doctype")):
				check_doc(doc["doctype"], doc)


def is_app_doctype(doctype) -> bool:
	return (
		isinstance(doctype, str)
		and frappe.db.get_value("DocType", doctype, "module", cache=True) == APP_MODULE
	)


def parse(value):
	if isinstance(value, str):
		try:
			return json.loads(value)
		except ValueError:
			return value
	return value


def request_document():
	"""What frappe.api.v1 makes of the request (get_request_form_data): `data`, else the body."""
	data = frappe.form_dict.get("data")
	if data is None:
		data = frappe.safe_decode(frappe.request.get_data())
	try:
		return frappe.parse_json(data) if data else frappe.form_dict
	except ValueError:
		return frappe.form_dict


def check_set_value() -> None:
	doctype = frappe.form_dict.get("doctype")
	if not is_app_doctype(doctype):
		return
	fieldname, value = frappe.form_dict.get("fieldname"), frappe.form_dict.get("value")
	if not value:  # frappe.client.set_value then reads the values from `fieldname` (JSON)
		values = parse(fieldname) if isinstance(fieldname, str) and fieldname[:1] in "[{" else {fieldname: ""}
	else:
		values = {fieldname: value}
	check_doc(doctype, values)


def check_web_form() -> None:
	doctype = frappe.db.get_value("Web Form", frappe.form_dict.get("web_form"), "doc_type")
	if not is_app_doctype(doctype):
		return
	data = parse(frappe.form_dict.get("data"))
	if not isinstance(data, dict):
		refuse(_("The form data must be an object of field values."))
	fields = frappe.get_all("Web Form Field", {"parent": frappe.form_dict.get("web_form")}, pluck="fieldname")
	check_doc(doctype, {f: data[f] for f in fields if f and f in data})


def check_doc(doctype: str, data) -> None:
	if not isinstance(data, dict):
		refuse(_("The data for {0} must be an object of field values.").format(_(doctype)))
	meta = frappe.get_meta(doctype)
	for key, value in data.items():
		if not isinstance(key, str) or key.startswith("__"):
			continue
		df = meta.get_field(key)
		if df and df.fieldtype in table_fields:
			if value is None:
				continue
			if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
				refuse(_("{0} of {1} must be a list of rows.").format(_(df.label or key), _(doctype)))
			for row in value:
				check_doc(df.options, row)
			continue
		fieldtype = df.fieldtype if df else STANDARD.get(key)
		if not df and key in NOT_NULL and value is None:  # columns the database requires
			refuse(_("{0} of {1} is not a number in the accepted range.").format(key, _(doctype)))
		if fieldtype:
			check_value(doctype, _(df.label or key) if df else key, fieldtype, value)


def check_value(doctype: str, label: str, fieldtype: str, value) -> None:
	if isinstance(value, list | dict):
		refuse(_("{0} of {1} must be a single value, not a list or an object.").format(label, _(doctype)))
	if value is None:
		return
	if fieldtype in INT_TYPES or fieldtype in NUMBER_TYPES:
		limit = INT_LIMIT if fieldtype in INT_TYPES else NUMBER_LIMIT
		number = to_number(value)
		if value != "" and (number is None or abs(number) > limit):
			refuse(_("{0} of {1} is not a number in the accepted range.").format(label, _(doctype)))
	elif fieldtype in ("Date", "Datetime", "Time"):
		if value != "" and not is_iso(fieldtype, value):
			refuse(
				_(
					"{0} of {1} is not a valid date or time (expected YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or HH:MM:SS)."
				).format(label, _(doctype))
			)
	elif not isinstance(value, str):
		refuse(_("{0} of {1} must be a text.").format(label, _(doctype)))


def to_number(value) -> float | None:
	"""The number a value stands for (a number, or a text of one, as a form posts it), else None."""
	try:
		number = float(value)
	except (TypeError, ValueError, OverflowError):
		return None
	return number if math.isfinite(number) else None


def is_iso(fieldtype: str, value) -> bool:
	if not isinstance(value, str):
		return False
	try:
		if fieldtype == "Date":
			day = _dt.datetime.fromisoformat(value) if len(value) > 10 else _dt.date.fromisoformat(value)
			return day.year >= 1000
		if fieldtype == "Datetime":
			return _dt.datetime.fromisoformat(value).year >= 1000
		return bool(_dt.time.fromisoformat(value))
	except ValueError:
		return False


def refuse(message: str) -> None:
	frappe.throw(message, MalformedValueError, title=_("Invalid value"))
