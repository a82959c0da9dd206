# Copyright (c) 2026, consult_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document
from frappe.utils import getdate, today

from consult_app import rules
from consult_app.checks import settings


class ConsultationTopic(Document):
	def validate(self):
		self.set_year_and_quarter()
		self.set_support_share()
		self.set_earliest_meeting_date()

	def set_year_and_quarter(self):
		if not self.year:
			self.year = getdate(today()).year
		if not self.quarter:
			self.quarter = f"Q{rules.quarter_of(today())}"

	def set_support_share(self):
		self.support_share = rules.support_share(self.votes_for, self.votes_against)

	def set_earliest_meeting_date(self):
		"""Seed 003 art. 14: consulted no earlier than publicity start + publicity days (settings)."""
		self.earliest_meeting_date = rules.earliest_meeting_date(
			self.publicity_start, settings().publicity_days
		)
