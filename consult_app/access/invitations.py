"""What User Permissions on rooms cannot express (hooks `permission_query_conditions` / `has_permission`):
a member (or a handling unit's user) sees only the meetings they are invited to, and the outcomes of those
meetings or assigned to their handling unit.
"""

from __future__ import annotations

import frappe

from consult_app.access import roles
from consult_app.access.rooms import users_by_parent

# -- invitation and assignment rules ---------------------------------------------------------------


def is_broad(user: str) -> bool:
	return user == "Administrator" or bool(set(roles.BROAD) & set(frappe.get_roles(user)))


def participants_of(user: str) -> list[str]:
	return frappe.get_all("Consultation Participant", filters={"user": user}, pluck="name")


def handling_unit_users(unit: str | None) -> list[str]:
	"""The users listed on a handling unit, in table order."""
	if not unit:
		return []
	return frappe.get_all(
		"Consultation Handling Unit User",
		filters={"parent": unit, "parenttype": "Consultation Handling Unit"},
		pluck="user",
		order_by="idx asc",
	)


def users_by_handling_unit(units: list[str]) -> dict[str, list[str]]:
	"""{unit: its users in table order} for many units in one query (the daily overdue job)."""
	return users_by_parent("Consultation Handling Unit User", "Consultation Handling Unit", units)


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
	"""Such a user reads the outcomes assigned to their handling unit and those of meetings they were invited
	to; writes (evaluation, progress) only where their role has a part: a handling unit's user on the
	outcomes assigned to the unit, a member on the outcomes of meetings the member was invited to."""
	user = user or frappe.session.user
	if is_broad(user):
		return None
	own_unit = bool(doc.handling_unit) and doc.handling_unit in handling_units_of(user)
	invited = bool(doc.meeting) and doc.meeting in invited_meetings(user)
	if ptype in ("read", "select", "print", "email", "export", "report", "share"):
		return own_unit or invited
	held = set(frappe.get_roles(user))
	return (roles.HANDLING_UNIT in held and own_unit) or (roles.MEMBER in held and invited)
