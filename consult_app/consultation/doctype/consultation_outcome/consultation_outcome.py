# Copyright (c) 2026, consult_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from consult_app.checks import check_percent


class ConsultationOutcome(Document):
	def validate(self):
		self.check_progress_percentages()
		self.set_percent_complete()

	def check_progress_percentages(self):
		for row in self.progress:
			check_percent(row, "percent")

	def set_percent_complete(self):
		rows = sorted(self.progress, key=lambda r: (str(r.progress_date or ""), r.idx))
		self.percent_complete = rows[-1].percent if rows else 0
