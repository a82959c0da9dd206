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
