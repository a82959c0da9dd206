"""Room access: a room's secretaries and conveners get a User Permission on that Consultation Room, so
every DocType that links a room (directly, or through a `room` fetched from its topic) shows them only
their rooms' records, in lists, reports, exports, link search and prints alike. Managed here when a room
is saved; removed when the user leaves the room or the room is deleted.
"""

from __future__ import annotations

import frappe

ROOM = "Consultation Room"

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


def room_secretaries(room: str | None) -> list[str]:
	"""The users listed as the room's secretaries, in table order."""
	if not room:
		return []
	return frappe.get_all(
		"Consultation Room Secretary",
		filters={"parent": room, "parenttype": ROOM},
		pluck="user",
		order_by="idx asc",
	)
