# Copyright (c) 2026, consult_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from consult_app.checks import check_date_order


class ConsultationPublicCall(Document):
	def validate(self):
		check_date_order(self, "start_date", "end_date")
