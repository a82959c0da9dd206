"""Link search of the app's DocTypes, as the user's own list would answer it.

Frappe 15.44's `frappe.desk.search.search_widget` (and `search_link`, the Link field's search) has three
side doors for a DocType with row rules and field levels:
- `ignore_user_permissions=1` turns every permission check off for anyone who may read the DocType: a
  secretary would find every room's topics and participants;
- `searchfield` names any column, which is then returned with the results: `searchfield=id_number` would
  list participants' ID numbers next to their names;
- `query` lets the client pick another whitelisted search function.

`hooks.standard_queries` points every app DocType's link search to `search` below: it searches and
returns only the DocType's name, title field and search fields of permission level 0 (`allowed_fields`),
through frappe.get_list (role permissions, User Permissions, the app's row rules), refuses filters on
fields the user cannot read (access/query_guard.py), and ignores any other `searchfield`.
`ignore_user_permissions` is honoured only where Frappe would allow it — the Link field the search is for
has "Ignore User Permissions" ticked — and only for a user who may write that field (a room's parent room
is chosen by the office among all rooms). `search_link` / `search_widget` are overridden only to drop a
client-sent `query` for the app's DocTypes, so the standard query always answers.
"""

from __future__ import annotations

import frappe
from frappe.desk import search as frappe_search
from frappe.model import no_value_fields, table_fields
from frappe.utils import cint

from consult_app.access.query_guard import check_query, is_app_doctype

TEXT_TYPES = ("Data", "Text", "Small Text", "Long Text", "Link", "Select", "Read Only", "Text Editor")


@frappe.whitelist()
def search_link(
	doctype: str,
	txt: str,
	query: str | None = None,
	filters: str | dict | list | None = None,
	page_length: int = 10,
	searchfield: str | None = None,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
) -> list:
	return frappe_search.search_link(
		doctype,
		txt,
		None if is_app_doctype(doctype) else query,
		filters,
		page_length,
		searchfield,
		reference_doctype,
		ignore_user_permissions,
	)


@frappe.whitelist()
def search_widget(
	doctype: str,
	txt: str,
	query: str | None = None,
	searchfield: str | None = None,
	start: int = 0,
	page_length: int = 10,
	filters: str | dict | list | None = None,
	filter_fields=None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	return frappe_search.search_widget(
		doctype,
		txt,
		None if is_app_doctype(doctype) else query,
		searchfield,
		start,
		page_length,
		filters,
		filter_fields,
		as_dict,
		reference_doctype,
		ignore_user_permissions,
	)


@frappe.whitelist()
def search(
	doctype: str,
	txt: str,
	searchfield: str | None = None,
	start: int = 0,
	page_len: int = 10,
	filters: str | dict | list | None = None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
) -> list:
	"""hooks.standard_queries of the app's DocTypes (called by Frappe's search_widget)."""
	filters = frappe.parse_json(filters) if isinstance(filters, str) else filters
	check_query(doctype, filters=filters)
	fields = allowed_fields(doctype)
	txt = (txt or "").strip()
	# like Frappe's, the search looks in all these fields; `searchfield` adds nothing (a hidden one is ignored)
	or_filters = [[doctype, f, "like", f"%{txt}%"] for f in fields] if txt else None
	rows = frappe.get_list(
		doctype,
		filters=filters,
		or_filters=or_filters,
		fields=fields,
		limit_start=cint(start),
		limit_page_length=min(cint(page_len) or 10, 500),
		order_by="modified desc",
		ignore_permissions=honours_ignore_user_permissions(doctype, reference_doctype),
		reference_doctype=reference_doctype,
		as_list=not cint(as_dict),
		strict=False,
	)
	return sorted(rows, key=lambda row: frappe_search.relevance_sorter(row, txt, cint(as_dict)))


def allowed_fields(doctype: str) -> list[str]:
	"""What the link search of `doctype` searches and shows: its name, title field and search fields, those
	of permission level 0 only (a field of a higher level is never searched or shown, whoever asks)."""
	meta = frappe.get_meta(doctype)
	fields = ["name"]
	for fieldname in [meta.title_field, *(meta.search_fields or "").split(",")]:
		fieldname = (fieldname or "").strip()
		df = meta.get_field(fieldname) if fieldname else None
		if (
			df
			and not df.permlevel
			and df.fieldtype in TEXT_TYPES
			and df.fieldtype not in no_value_fields
			and df.fieldtype not in table_fields
			and fieldname not in fields
		):
			fields.append(fieldname)
	return fields


def honours_ignore_user_permissions(doctype: str, reference_doctype: str | None) -> bool:
	"""Frappe's "Ignore User Permissions" of a Link field, kept for the field it is set on: the search is
	for a Link field of `reference_doctype` to `doctype` that has it ticked, and the user may write that
	field (its permission level)."""
	if not cint(frappe.form_dict.get("ignore_user_permissions")) or not reference_doctype:
		return False
	if not frappe.db.exists("DocType", reference_doctype):
		return False
	meta = frappe.get_meta(reference_doctype)
	writable = meta.get_permlevel_access("write")
	return any(
		df.fieldtype == "Link"
		and df.options == doctype
		and df.ignore_user_permissions
		and df.permlevel in writable
		and frappe.has_permission(reference_doctype, "write")
		for df in meta.fields
	)
