# Copyright (c) 2026, consult_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from consult_app.checks import check_date_order
from consult_app.exceptions import AcceptanceIncompleteError
from consult_app.utils import label


class ConsultationParticipant(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from consult_app.consultation.doctype.consultation_participant_expertise.consultation_participant_expertise import (
			ConsultationParticipantExpertise,
		)

		accepted_by: DF.Data | None
		accepted_on: DF.Date | None
		active: DF.Check
		category: DF.Literal[
			"City CPPCC Member",
			"County CPPCC Member",
			"Stakeholder Representative",
			"Township or Department Leader",
			"Village, Community or Enterprise Head",
			"Expert",
			"Party Member Representative",
			"Resident Representative",
			"People's Congress Deputy",
			"Other",
		]
		email: DF.Data | None
		expertise: DF.TableMultiSelect[ConsultationParticipantExpertise]
		full_name: DF.Data
		id_number: DF.Data | None
		is_cadre: DF.Check
		organisation: DF.Data | None
		party_accepted: DF.Check
		phone: DF.Data | None
		position: DF.Data | None
		room: DF.Link | None
		sector: DF.Data | None
		term_end: DF.Date | None
		term_start: DF.Date | None
		user: DF.Link | None

	# end: auto-generated types
	def validate(self):
		check_date_order(self, "term_start", "term_end")
		self.check_acceptance_recorded()

	def check_acceptance_recorded(self):
		"""Hai'an Plan: participants must be accepted by the party organisation; record by whom and when."""
		if self.party_accepted:
			missing = [label(self, f) for f in ("accepted_by", "accepted_on") if not self.get(f)]
			if missing:
				frappe.throw(
					_(
						"Party acceptance is ticked but {0} is empty. Fill it in or untick the acceptance."
					).format(_(", ").join(missing)),
					AcceptanceIncompleteError,
				)
