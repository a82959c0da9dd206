"""No field above the user's permission level in what a write answers, nor in a document's history.

Frappe 15.44 removes fields the user may not read (`doc.apply_fieldlevel_read_permissions()`) when a
document is read (REST GET, frappe.client.get, getdoc), but not when a write answers with the document it
saved: REST PUT/POST, frappe.client.save / insert / submit / set_value, savedocs, apply_workflow and
run_doc_method return the whole document — a convener who may edit a topic would read the proposer's
phone in the answer to her edit. And the form's history (getdoc's `docinfo.versions`, every change with
its old and new value) shows past phone and ID numbers to anyone who may read the record.

`strip_response` (an `after_request` hook: the one place every answer passes) rewrites the JSON answer of
an app DocType's request for a user other than Administrator:
- every document in it (a dict with an app DocType's `doctype`) loses the fields whose permission level the
  user may not read (child rows: the levels of their parent DocType) — what apply_fieldlevel_read_permissions
  would have removed;
- `docinfo` (getdoc, get_docinfo) keeps only the changes of fields the user may read, and any value of a
  field the user may not read — as it is now, or as a version shows it was — is masked in the timeline
  (communications, comments, versions), so an email address or phone sent to the proposer does not show.
If the rewrite fails, the answer is replaced by an error rather than sent unfiltered. The web form's answer to
its submitter (their own new submission, what they just typed) is left as it is.
"""

from __future__ import annotations

import json

import frappe
from frappe.model import display_fieldtypes

from consult_app.access.query_guard import APP_MODULE

MASK = "***"
# the web form answers the submitter with their own new submission (what they just typed)
OWN_SUBMISSION = "/api/method/frappe.website.doctype.web_form.web_form.accept"
# values of these types are masked wherever they appear in the timeline (not dates, checks, numbers)
TEXT_TYPES = ("Data", "Phone", "Small Text", "Text", "Long Text", "Link", "Read Only", "Password")
MARKER = b'"Consultation '


def strip_response(response=None, request=None) -> None:
	if response is None or request is None or not (request.path or "").startswith("/api/"):
		return
	if request.path == OWN_SUBMISSION:
		return
	if frappe.session.user == "Administrator" or response.mimetype != "application/json":
		return
	data = response.get_data()
	if MARKER not in data:
		return
	try:
		body = json.loads(data)
		if rewrite(body):
			response.set_data(json.dumps(body, ensure_ascii=False, separators=(",", ":"), default=str))
	except Exception:
		frappe.logger().error("consult_app: answer not filtered, withheld", exc_info=True)
		message = {"exc_type": "PermissionError", "message": frappe._("Not permitted")}
		response.set_data(json.dumps(message, ensure_ascii=False))
		response.status_code = 500


def rewrite(body) -> bool:
	"""Filters `body` in place; True if anything changed."""
	changed = strip_documents(body)
	if isinstance(body, dict) and isinstance(body.get("docinfo"), dict):
		changed = filter_docinfo(body["docinfo"]) or changed
	return changed


def strip_documents(value) -> bool:
	changed = False
	if isinstance(value, dict):
		doctype = value.get("doctype")
		if isinstance(doctype, str) and is_app(doctype):
			for fieldname in hidden_in(doctype, value.get("parenttype")):
				if fieldname in value:
					del value[fieldname]
					changed = True
		for item in value.values():
			changed = strip_documents(item) or changed
	elif isinstance(value, list):
		for item in value:
			changed = strip_documents(item) or changed
	return changed


def filter_docinfo(docinfo: dict) -> bool:
	doctype, name = docinfo.get("doctype"), docinfo.get("name")
	if not (isinstance(doctype, str) and is_app(doctype) and name):
		return False
	hidden = hidden_in(doctype)
	child_hidden = {
		df.fieldname: hidden_in(df.options, doctype) for df in frappe.get_meta(doctype).get_table_fields()
	}
	if not hidden and not any(child_hidden.values()):
		return False
	textual = {f for f in hidden if frappe.get_meta(doctype).get_field(f).fieldtype in TEXT_TYPES}
	hidden_now = frappe.db.get_value(doctype, name, list(textual), as_dict=True) if textual else None
	secrets = {str(v) for v in (hidden_now or {}).values()}
	for version in docinfo.get("versions") or []:
		data = json.loads(version.get("data") or "{}")
		secrets |= {str(v) for c in data.get("changed") or [] if c[0] in textual for v in c[1:]}
		data["changed"] = [c for c in data.get("changed") or [] if c[0] not in hidden]
		# rows of a table the user may not read (a room's secretaries and conveners) are not shown at all
		for key in ("added", "removed", "row_changed"):
			data[key] = [row for row in data.get(key) or [] if row[0] not in hidden]
		for row in data.get("row_changed") or []:
			secrets |= {str(v) for c in row[3] if c[0] in child_hidden.get(row[0], ()) for v in c[1:]}
			row[3] = [c for c in row[3] if c[0] not in child_hidden.get(row[0], ())]
		for key in ("added", "removed"):
			for table, row in data.get(key) or []:
				for fieldname in child_hidden.get(table, ()):
					secrets.add(str(row.pop(fieldname, None)))
		version["data"] = json.dumps(data, ensure_ascii=False, default=str)
	secrets = {s for s in secrets if s and s != "None" and len(s) >= 3}
	if secrets:
		mask(docinfo, secrets)
	return True


def mask(value, secrets: set[str]):
	"""Replaces every occurrence of a secret in the strings of `value`, in place."""
	items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
	for key, item in list(items):
		if isinstance(item, str):
			for secret in secrets:
				item = item.replace(secret, MASK)
			value[key] = item
		else:
			mask(item, secrets)


def hidden_in(doctype: str, parenttype: str | None = None) -> set[str]:
	"""Fields of `doctype` (a child table: read through `parenttype`) whose level the user may not read."""
	meta = frappe.get_meta(doctype)
	levelled = [df for df in meta.fields if df.permlevel and df.fieldtype not in display_fieldtypes]
	if not levelled:
		return set()
	if meta.istable:
		if not parenttype or not is_app(parenttype):
			return {df.fieldname for df in levelled}
		readable = frappe.get_meta(parenttype).get_permlevel_access("read")
	else:
		readable = meta.get_permlevel_access("read")
	return {df.fieldname for df in levelled if df.permlevel not in readable}


def is_app(doctype: str) -> bool:
	return frappe.db.get_value("DocType", doctype, "module", cache=True) == APP_MODULE
