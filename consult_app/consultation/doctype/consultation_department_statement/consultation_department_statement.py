# Copyright (c) 2026, consult_app developers and contributors
# For license information, please see license.txt

from consult_app.access.child_rows import ChildRow


class ConsultationDepartmentStatement(ChildRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		department: DF.Data
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		speaker: DF.Data | None
		statement: DF.SmallText
	# end: auto-generated types
	pass
