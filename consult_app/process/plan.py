"""What each step of an annual plan needs (Consultation Plan Workflow; Hai'an Plan II.3: the annual plan
of consultation is approved by the same-level party organisation)."""

from __future__ import annotations

import frappe
from frappe.utils import today

from consult_app.process.states import Plan
from consult_app.process.steps import gate


@gate(Plan.DOCTYPE, Plan.APPROVED)
def record_approval(plan, previous):
	plan.approved_by = frappe.session.user
	plan.approved_on = today()
