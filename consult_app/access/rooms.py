"""Room access: who works for which rooms, and what that lets them see.

- A room's secretaries and conveners (and the members of a member group, for the group's room) get a User
  Permission on that Consultation Room. Rooms form a tree, so a permission on a town covers the rooms below
  it; every DocType that links a room (directly, or through a `room` fetched from its topic) then shows them
  only those rooms' records, in lists, reports, exports, link search and prints alike.
- Who works for a room is changed only by the consultation office: the room's secretaries and conveners are
  a permission level only Consultation Managers write, and member groups are kept by the office. The user
  who is confined never holds the pen.
- Deny by default: a user who holds a room-scoped role (Room Secretary, Convener) and no room sees no
  room's records — not every room, as Frappe would for a user without User Permissions.
- A town office or a town's party reviewer is confined to the town by a User Permission on the town's room,
  made by the site's administrator (docs/permissions.md); the county office, without one, sees all.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.core.doctype.user_permission.user_permission import get_user_permissions

from consult_app.access import roles

ROOM = "Consultation Room"
# DocTypes whose records belong to a room (their own link, or the room of their topic)
ROOM_LINKED = (
	ROOM,
	"Consultation Topic",
	"Consultation Plan",
	"Consultation Public Call",
	"Consultation Research",
	"Consultation Meeting",
	"Consultation Outcome",
	"Consultation Participant",
	"Consultation Member Group",
)


# -- who works for a room ------------------------------------------------------------------------------


def room_users(room) -> set[str]:
	"""Users who work for the room: its secretaries and the conveners who have a user (not the office's
	users: they see every room of their jurisdiction anyway)."""
	users = {row.user for row in room.get("secretaries") or [] if row.user}
	users |= {row.user for row in room.get("conveners") or [] if row.get("user")}
	return {u for u in users if not set(frappe.get_roles(u)) & set(roles.OFFICE)}


def group_users(group) -> set[str]:
	"""Users of the members of an active member group: they work for the group's room."""
	if not group.get("active"):
		return set()
	return {row.user for row in group.get("members") or [] if row.get("user")}


def sync_room_user_permissions(room) -> None:
	"""The room's secretaries and conveners get a User Permission on it; those who left the room lose it."""
	before = room.get_doc_before_save()
	_sync(room.name, room_users(room), room_users(before) if before else set())


def sync_group_user_permissions(group) -> None:
	"""A member group's members get a User Permission on the group's room; those who left lose it."""
	before = group.get_doc_before_save()
	old_room, old_users = (before.room, group_users(before)) if before else (None, set())
	if old_room and old_room != group.room:
		_sync(old_room, set(), old_users)
		old_users = set()
	if group.room:
		_sync(group.room, group_users(group), old_users)


def remove_group_user_permissions(group) -> None:
	if group.room:
		_sync(group.room, set(), group_users(group))


def _sync(room: str, wanted: set[str], listed_before: set[str]) -> None:
	"""Give `wanted` users a User Permission on `room`; take it from those listed before and no longer.
	A permission the site's administrator gave by hand to a user the app never listed is left alone."""
	existing = frappe.get_all(
		"User Permission", filters={"allow": ROOM, "for_value": room}, fields=["name", "user"]
	)
	for row in existing:
		if row.user in listed_before and row.user not in wanted and not still_listed(row.user, room):
			frappe.delete_doc("User Permission", row.name, ignore_permissions=True)
	have = {row.user for row in existing}
	for user in sorted(wanted - have):
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": user,
				"allow": ROOM,
				"for_value": room,
				"apply_to_all_doctypes": 1,
			}
		).insert(ignore_permissions=True)


def still_listed(user: str, room: str) -> bool:
	"""Whether another source still lists the user for the room (a convener who is also a secretary, a
	member in two groups of the same room)."""
	if frappe.db.exists("Consultation Room Secretary", {"parent": room, "parenttype": ROOM, "user": user}):
		return True
	if frappe.db.exists("Consultation Room Convener", {"parent": room, "parenttype": ROOM, "user": user}):
		return True
	groups = frappe.get_all("Consultation Member Group", filters={"room": room, "active": 1}, pluck="name")
	return bool(groups) and bool(
		frappe.db.exists(
			"Consultation Member Group Member",
			{"parent": ("in", groups), "parenttype": "Consultation Member Group", "user": user},
		)
	)


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


def secretaries_by_room(rooms: list[str]) -> dict[str, list[str]]:
	"""{room: its secretaries in table order} for many rooms in one query (the daily jobs)."""
	return users_by_parent("Consultation Room Secretary", ROOM, rooms)


def users_by_parent(child: str, parenttype: str, parents: list[str]) -> dict[str, list[str]]:
	"""{parent: [user, ...] in table order} of a table of users (room secretaries, handling-unit users)."""
	users: dict[str, list[str]] = {}
	if not parents:
		return users
	for row in frappe.get_all(
		child,
		filters={"parent": ("in", list(parents)), "parenttype": parenttype},
		fields=["parent", "user"],
		order_by="parent asc, idx asc",
	):
		users.setdefault(row.parent, []).append(row.user)
	return users


# -- deny by default -----------------------------------------------------------------------------------


def rooms_of(user: str) -> list[str]:
	"""The rooms a User Permission gives the user (not their descendants)."""
	return frappe.get_all("User Permission", filters={"user": user, "allow": ROOM}, pluck="for_value")


def confined_without_room(user: str | None = None) -> bool:
	"""A user who works for rooms (a room-scoped role, no office role) but has no room: sees no room's
	records. Frappe would show such a user every room."""
	user = user or frappe.session.user
	if user == "Administrator":
		return False
	held = set(frappe.get_roles(user))
	if not held & set(roles.ROOM_SCOPED) or held & set(roles.OFFICE):
		return False
	# Frappe's cached User Permissions (cleared when one changes): no query per permission check
	return not get_user_permissions(user).get(ROOM)


def room_scope_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions of the room-linked DocTypes: nothing for a room-scoped user without a
	room (User Permissions do the rest)."""
	return "1=0" if confined_without_room(user) else ""


def check_room_members(room) -> None:
	"""The secretaries listed on a room hold the Room Secretary role and are not the office: a User
	Permission on the room confines every role its user holds, so listing a manager would shut the office
	in one room."""
	from consult_app.exceptions import RoomMembershipError

	for row in room.get("secretaries") or []:
		held = set(frappe.get_roles(row.user)) if row.user else set()
		if roles.SECRETARY not in held:
			frappe.throw(
				_(
					"{0} does not hold the role {1}: only room secretaries are listed as the room's secretaries."
				).format(row.user, _(roles.SECRETARY)),
				RoomMembershipError,
			)
		if held & set(roles.OFFICE):
			frappe.throw(
				_(
					"{0} is also {1}: listing them here would confine the consultation office to this room. "
					"List a room secretary instead."
				).format(row.user, _(", ").join(_(r) for r in sorted(held & set(roles.OFFICE)))),
				RoomMembershipError,
			)
