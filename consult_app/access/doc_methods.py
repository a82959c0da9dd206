"""A document method of an app DocType runs on the record as stored.

Frappe 15.44's `run_doc_method` (the form's `frm.call`) builds the document from the `docs` the client
sends and checks read permission on that copy: the client chooses every field the check looks at (its
room, its topic) and every value the method then works with (a method that saves would save them).
`run_doc_method` here (hooks.override_whitelisted_methods) sends the app's DocTypes down Frappe's other
path, `dt`/`dn`: the record is loaded as stored and read permission checked on it; what the client sent
is ignored, and a method of an unsaved document is refused. Each whitelisted method of the app then checks
the permission it needs (write for what changes the record) on that stored record. Other apps' DocTypes
are left to Frappe.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.handler import run_doc_method as frappe_run_doc_method

from consult_app.access.query_guard import is_app_doctype
from consult_app.exceptions import UnsavedDocumentMethodError


@frappe.whitelist()
def run_doc_method(method: str, docs=None, dt: str | None = None, dn: str | None = None, arg=None, args=None):
	if not dt and docs:
		sent = frappe.parse_json(docs)
		doctype = sent.get("doctype") if isinstance(sent, dict) else None
		if isinstance(doctype, str) and is_app_doctype(doctype):
			dt, dn = doctype, stored_name(doctype, sent.get("name"))
			docs = None
	return frappe_run_doc_method(method, docs=docs, dt=dt, dn=dn, arg=arg, args=args)


def stored_name(doctype: str, name) -> str:
	if not isinstance(name, str) or not name or not frappe.db.exists(doctype, name):
		frappe.throw(
			_("Save the {0} first: its actions work on the saved record.").format(_(doctype)),
			UnsavedDocumentMethodError,
		)
	return name
