# Copyright (c) 2026, consult_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from consult_app.checks import check_date_order, label
from consult_app.exceptions import AcceptanceIncompleteError


class ConsultationParticipant(Document):
	def validate(self):
		check_date_order(self, "term_start", "term_end")
		self.check_acceptance_recorded()

	def check_acceptance_recorded(self):
		"""Seed 001: participants must be accepted by the party organisation; record by whom and when."""
		if self.party_accepted:
			missing = [label(self, f) for f in ("accepted_by", "accepted_on") if not self.get(f)]
			if missing:
				frappe.throw(
					_(
						"Party acceptance is ticked but {0} is empty. Fill it in or untick the acceptance."
					).format(_(", ").join(missing)),
					AcceptanceIncompleteError,
				)
