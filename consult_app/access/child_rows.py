"""Child tables follow their parent's access.

`GET /api/resource/<child table>?parent=<DocType>` (frappe.client.get_list with parent) checks only that
the user may read the parent DocType, not which parent records: without these conditions a room secretary
would list the rows (conveners, participants, opinions, ...) of another room's meetings, and a member those
of meetings they were not invited to. A child row is listed only if its parent is (`child_query_conditions`),
and a row read on its own is checked against its parent record (`ChildRow`).
"""

from __future__ import annotations

import frappe
from frappe.model.base_document import BaseDocument
from frappe.model.document import Document
from frappe.permissions import get_role_permissions

CHILD_PARENTS = {
	"Consultation Council Member": ("Consultation Room",),
	"Consultation Department Statement": ("Consultation Meeting",),
	"Consultation Handling Unit User": ("Consultation Handling Unit",),
	"Consultation Meeting Convener": ("Consultation Meeting",),
	"Consultation Meeting Participant": ("Consultation Meeting",),
	"Consultation Meeting Topic": ("Consultation Meeting",),
	"Consultation Member Group Member": ("Consultation Member Group",),
	"Consultation Member Group Room": ("Consultation Member Group",),
	"Consultation Opinion": ("Consultation Meeting",),
	"Consultation Outcome Progress": ("Consultation Outcome",),
	"Consultation Outcome Recipient": ("Consultation Outcome",),
	"Consultation Participant Expertise": ("Consultation Participant",),
	"Consultation Plan Topic": ("Consultation Plan",),
	"Consultation Research Member": ("Consultation Research",),
	"Consultation Room Convener": ("Consultation Room",),
	"Consultation Room Secretary": ("Consultation Room",),
	"Consultation Supervision Entry": ("Consultation Outcome",),
}


def child_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if user == "Administrator" or doctype not in CHILD_PARENTS:
		return ""
	table = f"`tab{doctype}`"
	allowed = []
	for parent in CHILD_PARENTS[doctype]:
		perms = get_role_permissions(frappe.get_meta(parent), user=user)
		if not (perms.get("read") or perms.get("select")):
			continue
		# the parent's own list query (User Permissions and its permission_query_conditions), unrun
		parents = frappe.get_list(
			parent, fields=["name"], user=user, limit_page_length=0, order_by="", run=False
		)
		allowed.append(
			f"({table}.`parenttype` = {frappe.db.escape(parent)} and {table}.`parent` in ({parents}))"
		)
	return "(" + " or ".join(allowed) + ")" if allowed else "1=0"


class ChildRow(Document):
	"""Base of the app's child tables. A row loaded on its own (`GET /api/resource/<child>/<name>`,
	frappe.client.get with `parent`, form load) carries no parent document, and Frappe then checks only
	that the user may read the parent DocType. Loading the parent here makes the check that of the parent
	record (room User Permissions, invitations), as when the row is read with its parent."""

	@property
	def parent_doc(self):
		parent = BaseDocument.parent_doc.fget(self)
		if (
			parent is None
			and self.get("parenttype") in CHILD_PARENTS.get(self.doctype, ())
			and self.get("parent")
		):
			if frappe.db.exists(self.parenttype, self.parent):
				parent = frappe.get_doc(self.parenttype, self.parent)
				self._parent_doc = parent
		return parent

	@parent_doc.setter
	def parent_doc(self, value):
		self._parent_doc = value

	@parent_doc.deleter
	def parent_doc(self):
		self._parent_doc = None
