"""The app's roles, by name, and what kind of reach each one has.

- Room-scoped roles work for particular rooms: a room's secretaries and conveners get a User Permission
  on their room (access/rooms.py). A user who holds one of them and no room sees no room's records: deny
  by default, never everything.
- Jurisdiction roles (the consultation office, party reviewers, members) see the rooms of their
  jurisdiction: every room without a User Permission (the county office), or the rooms under the room
  their User Permission names (a town office, a town's reviewer; rooms form a tree).
- Invitation roles (members, handling units) see meetings they are invited to and outcomes of those
  meetings or assigned to their unit (access/invitations.py).
The records themselves (desk access, home page) ship in roles.json and are created when missing: a
site's edits to them are never undone.
"""

MANAGER = "Consultation Manager"
SECRETARY = "Room Secretary"
CONVENER = "Convener"
REVIEWER = "Party Reviewer"
MEMBER = "CPPCC Member"
HANDLING_UNIT = "Handling Unit"
SYSTEM_MANAGER = "System Manager"

APP_ROLES = (MANAGER, SECRETARY, CONVENER, REVIEWER, MEMBER, HANDLING_UNIT)
# roles that work for the rooms they are listed in (deny by default without one)
ROOM_SCOPED = (SECRETARY, CONVENER)
# roles that may move a record between rooms or handling units, and change who works for a room
OFFICE = (MANAGER, SYSTEM_MANAGER)
# roles that read meetings and outcomes without the invitation and assignment rule
BROAD = (SYSTEM_MANAGER, MANAGER, SECRETARY, CONVENER, REVIEWER)


def users_with_role(role: str) -> list[str]:
	"""The enabled desk users who hold `role` (not Administrator or Guest), by name."""
	import frappe

	holders = frappe.get_all("Has Role", filters={"role": role, "parenttype": "User"}, pluck="parent")
	holders = [h for h in set(holders) if h not in ("Administrator", "Guest")]
	if not holders:
		return []
	return frappe.get_all(
		"User",
		filters={"name": ("in", holders), "enabled": 1, "user_type": "System User"},
		pluck="name",
		order_by="name asc",
	)
