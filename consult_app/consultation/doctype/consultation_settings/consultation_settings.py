# Copyright (c) 2026, consult_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from consult_app.checks import check_percent
from consult_app.exceptions import SettingsError


class ConsultationSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		cadre_share_max: DF.Percent
		collection_deadline_day: DF.Int
		council_max: DF.Int
		council_min: DF.Int
		final_count: DF.Int
		min_activities_enterprise: DF.Int
		min_activities_park: DF.Int
		min_activities_town: DF.Int
		min_activities_village: DF.Int
		notice_days: DF.Int
		overdue_escalation_days: DF.Int
		publicity_days: DF.Int
		reminder_days: DF.Int
		score_attendance: DF.Float
		score_evaluation: DF.Float
		score_opinion: DF.Float
		score_research: DF.Float
		score_topic_proposed: DF.Float
		shortlist_count: DF.Int

	# end: auto-generated types
	def validate(self):
		check_percent(self, "cadre_share_max")
		self.check_council_bounds()

	def on_update(self):
		forget_settings()

	def check_council_bounds(self):
		if self.council_min and self.council_max and self.council_min > self.council_max:
			frappe.throw(
				_("The council size minimum ({0}) is larger than the maximum ({1}).").format(
					self.council_min, self.council_max
				),
				SettingsError,
			)


def get_settings() -> ConsultationSettings:
	"""The site's Consultation Settings: from Frappe's document cache (Redis, cleared when they are saved),
	kept for the rest of the transaction, so a save that reads them in several rules reads Redis once.
	Forgotten at commit, at rollback and when the settings are saved."""
	settings = getattr(frappe.local, "consult_settings", None)
	if settings is None:
		settings = frappe.get_cached_doc("Consultation Settings")
		frappe.local.consult_settings = settings
		frappe.db.after_commit.add(forget_settings)
		frappe.db.after_rollback.add(forget_settings)
	return settings


def forget_settings() -> None:
	frappe.local.consult_settings = None
