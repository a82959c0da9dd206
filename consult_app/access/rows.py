"""Row-level rules of the app's DocTypes, as Frappe's hooks call them (hooks.has_permission and
hooks.permission_query_conditions): the room scope (access/rooms.py) for every room-linked DocType, and the
invitation and assignment rules (access/invitations.py) for meetings and outcomes. A controller hook can
only deny what the role permissions grant."""

from __future__ import annotations

import frappe

from consult_app.access import invitations
from consult_app.access.rooms import confined_without_room

BY_DOCTYPE = {
	"Consultation Meeting": invitations.meeting_has_permission,
	"Consultation Outcome": invitations.outcome_has_permission,
}


def has_permission(doc, ptype: str = "read", user: str | None = None, debug: bool = False) -> bool | None:
	user = user or frappe.session.user
	if confined_without_room(user):
		return False
	rule = BY_DOCTYPE.get(doc.doctype)
	return rule(doc, ptype, user) if rule else None
