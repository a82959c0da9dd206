"""Scheduled email reports: Frappe's Auto Email Report is the engine; the app ships three kinds and makes
their content what their user may see.

- Frappe 15 computes an Auto Email Report's content as the session user (Administrator in the scheduler)
  and then only post-filters rows by the User Permissions on the report's link columns; the app's
  `permission_query_conditions` (deny by default, meetings by invitation, outcomes by handling unit) would
  not apply. `ConsultAutoEmailReport` (hooks.override_doctype_class) computes the content AS the report's
  user, so the email holds exactly what that user sees in the desk.
- The standard email reports are created when missing, on install and migrate (and a handling unit's when
  the unit is saved with a user); a site's edits to them — schedule, recipients, filters, format, enabled —
  are never overwritten. To stop one, untick Enabled rather than deleting it (a deleted one comes back).
"""

from __future__ import annotations

import frappe
from frappe.email.doctype.auto_email_report.auto_email_report import AutoEmailReport

from consult_app.access import roles
from consult_app.access.invitations import handling_unit_users

LEDGER = "Outcome Implementation Ledger"
COMPLIANCE = "Room Activity Compliance"
WEEKLY_OVERDUE = "每周逾期成果落实台账"
MONTHLY_COMPLIANCE = "每月议事室活动达标通报"
UNIT_SUFFIX = "每周落实台账"


class ConsultAutoEmailReport(AutoEmailReport):
	def autoname(self):
		"""The app's standard email reports keep their Chinese name: it is the email's subject."""
		if self.flags.standard_name:
			self.name = self.flags.standard_name
		else:
			super().autoname()

	def get_report_content(self):
		"""The content as the report's user sees it: the report runs as that user."""
		previous = frappe.session.user
		if not self.user or self.user == previous:
			return super().get_report_content()
		frappe.set_user(self.user)
		try:
			return super().get_report_content()
		finally:
			frappe.set_user(previous)


def unit_report_name(unit: str) -> str:
	return f"{unit}{UNIT_SUFFIX}"


def office_reports(managers: list[str]) -> list[dict]:
	"""To the consultation office: the weekly overdue ledger and the monthly room compliance."""
	common = {"user": managers[0], "email_to": "\n".join(managers), "format": "XLSX", "enabled": 1}
	return [
		{
			**common,
			"name": WEEKLY_OVERDUE,
			"report": LEDGER,
			"filters": '{"overdue_only": 1}',
			"frequency": "Weekly",
			"day_of_week": "Monday",
			"description": "<p>逾期未办结的协商成果（交督复）：承办单位、责任人、办理期限、逾期天数。</p>",
		},
		{
			**common,
			"name": MONTHLY_COMPLIANCE,
			"report": COMPLIANCE,
			"filters": "{}",
			"frequency": "Monthly",
			"description": "<p>本年度各议事室协商活动开展情况与年度最低次数对照、同级排名。</p>",
		},
	]


def unit_report(unit) -> dict | None:
	"""To a handling unit: its own open items, weekly, computed as the unit's first user."""
	users = handling_unit_users(unit.name)
	if not users:
		return None
	recipients = [unit.email] if unit.get("email") else []
	recipients += [u for u in users if u not in recipients]
	return {
		"name": unit_report_name(unit.name),
		"report": LEDGER,
		"user": users[0],
		"email_to": "\n".join(recipients),
		"filters": frappe.as_json({"handling_unit": unit.name, "open_only": 1}, indent=None),
		"format": "XLSX",
		"frequency": "Weekly",
		"day_of_week": "Monday",
		"enabled": 1,
		"description": "<p>本单位承办、尚未办结的协商成果：办理期限、进度与逾期天数。</p>",
	}


def create_if_missing(record: dict) -> str | None:
	if frappe.db.exists("Auto Email Report", record["name"]):
		return None
	doc = frappe.get_doc({"doctype": "Auto Email Report", **record})
	doc.flags.standard_name = record["name"]
	doc.insert(ignore_permissions=True)
	return doc.name


def install_missing() -> list[str]:
	"""The standard email reports the site lacks (the office's need a Consultation Manager to send to)."""
	records = []
	managers = roles.users_with_role(roles.MANAGER)
	if managers:
		records += office_reports(managers)
	for unit in frappe.get_all("Consultation Handling Unit", filters={"active": 1}, fields=["name", "email"]):
		records.append(unit_report(unit))
	return [name for record in records if record and (name := create_if_missing(record))]


def ensure_unit_report(unit, method=None) -> None:
	"""doc_events: a handling unit saved with a user gets its weekly ledger (once)."""
	if unit.get("active") and (record := unit_report(unit)):
		create_if_missing(record)


def remove_unit_report(unit, method=None) -> None:
	"""doc_events: a deleted handling unit's weekly ledger goes with it."""
	frappe.db.delete("Auto Email Report", {"name": unit_report_name(unit.name), "report": LEDGER})


def remove_all() -> None:
	"""before_uninstall: the email reports of the app's reports (they link to them)."""
	reports = frappe.get_all("Report", filters={"module": "Consultation"}, pluck="name")
	if reports:
		frappe.db.delete("Auto Email Report", {"report": ("in", reports)})
