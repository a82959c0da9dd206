# Copyright (c) 2026, consult_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ConsultationHandlingUnit(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from consult_app.consultation.doctype.consultation_handling_unit_user.consultation_handling_unit_user import (
			ConsultationHandlingUnitUser,
		)

		active: DF.Check
		contact_phone: DF.Data | None
		email: DF.Data | None
		responsible_person: DF.Data | None
		unit_name: DF.Data
		users: DF.Table[ConsultationHandlingUnitUser]
	# end: auto-generated types
	pass
