"""Email through Frappe's queue, for a site that may not have an outgoing account yet.

Frappe cannot queue an email without a default outgoing Email Account (it raises while building the
message). A record of the app (feedback given, an overdue flag, a reminder) must not fail for that: it is
kept, and the user is told that no email went out.
"""

import frappe
from frappe import _

from consult_app.rules import plain_text


def outgoing_account_ready() -> bool:
	return bool(frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}))


def send(**kwargs) -> bool:
	"""`frappe.sendmail(**kwargs)` when the site can send; otherwise a warning. True if queued."""
	if not outgoing_account_ready():
		frappe.msgprint(
			_("No outgoing email account is set up, so no email was sent: {0}. Ask IT to set one up.").format(
				kwargs.get("subject", "")
			),
			indicator="orange",
			alert=True,
		)
		return False
	# the subject is also the HTML title of Frappe's email template: no markup from typed values
	kwargs["subject"] = plain_text(kwargs.get("subject") or "")
	frappe.sendmail(**kwargs)
	return True
