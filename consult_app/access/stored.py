"""Write permission is checked on the record as it is stored, and the links that decide who sees a record
change only by the consultation office.

Frappe checks write permission on the document after the request has changed it: a secretary who may
not edit another room's topic could PUT {"room": "<her room>"} on it, be allowed (the changed document is
in her room), and read the answer. `check_write_on_stored` (hooks: before_validate of the app's DocTypes)
checks the user's write permission on the stored record first, and refuses a change of the links that
decide access (a record's room, an outcome's topic, meeting and handling unit, ...) by anyone but the
office: moving a record between rooms or units is a manager's act. An adopted outcome's assignment (its
handling unit and due date) is the supervising office's too: a handling unit does not move its own
deadline (Experience Reports, report 1: 交、督、复).
"""

from __future__ import annotations

import frappe
from frappe import _

from consult_app.access import roles
from consult_app.exceptions import AccessLinkChangeError, StoredRecordPermissionError
from consult_app.process.states import Outcome
from consult_app.utils import label

# DocType -> fields that decide who sees a record: set once by whoever creates it, changed by the office
ACCESS_LINKS = {
	"Consultation Topic": ("room",),
	"Consultation Plan": ("room",),
	"Consultation Public Call": ("room",),
	"Consultation Meeting": ("room",),
	"Consultation Participant": ("room", "user"),
	"Consultation Research": ("topic",),
	"Consultation Outcome": ("topic", "meeting", "handling_unit"),
	"Consultation Member Group": ("room",),
}
# DocType -> (states, fields) that only the office changes once the record is in one of the states
OFFICE_FIELDS = {
	"Consultation Outcome": (Outcome.DECIDED, ("handling_unit", "due_date", "responsible_person")),
}


def check_write_on_stored(doc, method=None) -> None:
	if doc.is_new() or doc.flags.ignore_permissions or not acting_user_is_checked():
		return
	before = doc.get_doc_before_save()
	if before is None:
		return
	if not frappe.has_permission(doc.doctype, "write", doc=before, user=frappe.session.user):
		frappe.throw(
			_("You may not change {0} {1}: as it is stored, it is not one you may edit.").format(
				_(doc.doctype), doc.name
			),
			StoredRecordPermissionError,
		)
	if set(frappe.get_roles()) & set(roles.OFFICE):
		return
	moved = [f for f in ACCESS_LINKS.get(doc.doctype, ()) if before.get(f) and doc.get(f) != before.get(f)]
	states, fields = OFFICE_FIELDS.get(doc.doctype, ((), ()))
	if before.get("workflow_state") in states:
		moved += [f for f in fields if f not in moved and _changed(doc.get(f), before.get(f))]
	if moved:
		frappe.throw(
			_(
				"Only the consultation office may change {0} of {1} {2}: it decides who handles and sees it."
			).format(_(", ").join(label(doc, f) for f in moved), _(doc.doctype), doc.name),
			AccessLinkChangeError,
		)


def acting_user_is_checked() -> bool:
	"""Administrator (maintenance, scheduled jobs, the system's own steps) and installs are not checked."""
	return not (frappe.session.user == "Administrator" or frappe.flags.in_install or frappe.flags.in_migrate)


def _changed(a, b) -> bool:
	return str(a or "") != str(b or "")
