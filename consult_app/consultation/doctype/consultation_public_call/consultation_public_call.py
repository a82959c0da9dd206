# Copyright (c) 2026, consult_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from consult_app.checks import check_date_order


class ConsultationPublicCall(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		call_title: DF.Data
		description: DF.Text | None
		end_date: DF.Date
		room: DF.Link
		start_date: DF.Date

	# end: auto-generated types
	def validate(self):
		check_date_order(self, "start_date", "end_date")
