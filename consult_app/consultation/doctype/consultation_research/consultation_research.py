# Copyright (c) 2026, consult_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import today

from consult_app.checks import check_date_order, label
from consult_app.exceptions import SensitiveReportIncompleteError


class ConsultationResearch(Document):
	def validate(self):
		check_date_order(self, "start_date", "end_date")
		self.check_sensitive_report()
		self.set_completed_on()

	def check_sensitive_report(self):
		"""Seed 003 art. 15: sensitive or long-standing problems are reported beforehand, to whom and when."""
		if self.sensitive_reported:
			missing = [label(self, f) for f in ("reported_to", "reported_on") if not self.get(f)]
			if missing:
				frappe.throw(
					_("The report to the party committee is ticked but {0} is empty.").format(_(", ").join(missing)),
					SensitiveReportIncompleteError,
				)

	def set_completed_on(self):
		if self.completed and not self.completed_on:
			self.completed_on = today()
		elif not self.completed:
			self.completed_on = None
