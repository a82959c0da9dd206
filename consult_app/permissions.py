"""Row-level access, with Frappe's own means first.

- Rooms: a room's secretaries and conveners get a User Permission on that Consultation Room, so every
  DocType that links a room (directly, or through a `room` fetched from its topic) shows them only their
  rooms' records, in lists, reports, exports, link search and prints alike. Managed here when a room is
  saved; removed when the user leaves the room or the room is deleted.
- What User Permissions cannot express (hooks `permission_query_conditions` / `has_permission`):
  a member (or a handling unit's user) sees only the meetings they are invited to, and the outcomes of
  those meetings or assigned to their handling unit.
The full matrix: docs/permissions.md.
"""

from __future__ import annotations

import frappe
from frappe.model.base_document import BaseDocument
from frappe.model.document import Document
from frappe.permissions import get_role_permissions

ROOM = "Consultation Room"
# Roles that read meetings and outcomes without the invitation / assignment rule.
BROAD_ROLES = {
	"Administrator",
	"System Manager",
	"Consultation Manager",
	"Room Secretary",
	"Convener",
	"Party Reviewer",
}


# -- User Permissions on rooms -------------------------------------------------------------------


def room_users(room) -> set[str]:
	"""Users who work for the room: its secretaries and the conveners who have a user."""
	users = {row.user for row in room.get("secretaries") or [] if row.user}
	users |= {row.user for row in room.get("conveners") or [] if row.get("user")}
	return users


def sync_room_user_permissions(room) -> None:
	"""Give the room's secretaries and conveners a User Permission on it; take it from those who left."""
	wanted = room_users(room)
	existing = frappe.get_all(
		"User Permission", filters={"allow": ROOM, "for_value": room.name}, fields=["name", "user"]
	)
	for row in existing:
		if row.user not in wanted:
			frappe.delete_doc("User Permission", row.name, ignore_permissions=True)
	have = {row.user for row in existing}
	for user in sorted(wanted - have):
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": user,
				"allow": ROOM,
				"for_value": room.name,
				"apply_to_all_doctypes": 1,
			}
		).insert(ignore_permissions=True)


def remove_room_user_permissions(room_name: str) -> None:
	for name in frappe.get_all(
		"User Permission", filters={"allow": ROOM, "for_value": room_name}, pluck="name"
	):
		frappe.delete_doc("User Permission", name, ignore_permissions=True)


# -- invitation and assignment rules ---------------------------------------------------------------


def is_broad(user: str) -> bool:
	return user == "Administrator" or bool(BROAD_ROLES & set(frappe.get_roles(user)))


def participants_of(user: str) -> list[str]:
	return frappe.get_all("Consultation Participant", filters={"user": user}, pluck="name")


def handling_units_of(user: str) -> list[str]:
	return frappe.get_all(
		"Consultation Handling Unit User",
		filters={"user": user, "parenttype": "Consultation Handling Unit"},
		pluck="parent",
	)


def invited_meetings(user: str) -> list[str]:
	participants = participants_of(user)
	if not participants:
		return []
	meetings = set()
	for child in ("Consultation Meeting Participant", "Consultation Meeting Convener"):
		meetings |= set(
			frappe.get_all(
				child,
				filters={"participant": ("in", participants), "parenttype": "Consultation Meeting"},
				pluck="parent",
			)
		)
	return sorted(meetings)


def _in(values: list[str]) -> str:
	return ", ".join(frappe.db.escape(v) for v in values) or "''"


def meeting_query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	if is_broad(user):
		return ""
	return f"`tabConsultation Meeting`.`name` in ({_in(invited_meetings(user))})"


def meeting_has_permission(doc, ptype: str = "read", user: str | None = None) -> bool | None:
	user = user or frappe.session.user
	if is_broad(user):
		return None
	return doc.name in invited_meetings(user)


def outcome_query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	if is_broad(user):
		return ""
	return (
		f"(`tabConsultation Outcome`.`handling_unit` in ({_in(handling_units_of(user))})"
		f" or `tabConsultation Outcome`.`meeting` in ({_in(invited_meetings(user))}))"
	)


def outcome_has_permission(doc, ptype: str = "read", user: str | None = None) -> bool | None:
	user = user or frappe.session.user
	if is_broad(user):
		return None
	return doc.handling_unit in handling_units_of(user) or doc.meeting in invited_meetings(user)


# -- child tables listed on their own --------------------------------------------------------------
# `GET /api/resource/<child table>?parent=<DocType>` (frappe.client.get_list with parent) checks only that
# the user may read the parent DocType, not which parent records: without these conditions a room
# secretary would list the rows (conveners, participants, opinions, ...) of another room's meetings, and a
# member those of meetings they were not invited to. A child row is listed only if its parent is.

CHILD_PARENTS = {
	"Consultation Council Member": ("Consultation Room",),
	"Consultation Department Statement": ("Consultation Meeting",),
	"Consultation Handling Unit User": ("Consultation Handling Unit",),
	"Consultation Meeting Convener": ("Consultation Meeting",),
	"Consultation Meeting Participant": ("Consultation Meeting",),
	"Consultation Meeting Topic": ("Consultation Meeting",),
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
