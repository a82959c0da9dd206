# Copyright (c) 2026, consult_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from consult_app.checks import check_percent
from consult_app.exceptions import SettingsError


class ConsultationSettings(Document):
	def validate(self):
		check_percent(self, "cadre_share_max")
		self.check_council_bounds()

	def check_council_bounds(self):
		if self.council_min and self.council_max and self.council_min > self.council_max:
			frappe.throw(
				_("The council size minimum ({0}) is larger than the maximum ({1}).").format(
					self.council_min, self.council_max
				),
				SettingsError,
			)
