"""What each step of an annual plan needs (Consultation Plan Workflow; Hai'an Plan II.3: the annual plan
of consultation is approved by the same-level party organisation)."""

from __future__ import annotations

import frappe
from frappe.utils import today

from consult_app.process.states import Plan


def record_approval(plan, previous):
	plan.approved_by = frappe.session.user
	plan.approved_on = today()


# What each step needs (its gates, from validate) and what follows from it (after it is saved).
GATES = {
	Plan.APPROVED: (record_approval,),
}
AFTER = {}
