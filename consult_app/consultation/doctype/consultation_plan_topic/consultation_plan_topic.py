# Copyright (c) 2026, consult_app developers and contributors
# For license information, please see license.txt

from consult_app.access.child_rows import ChildRow


class ConsultationPlanTopic(ChildRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		notes: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		planned_title: DF.Data
		quarter: DF.Literal["Q1", "Q2", "Q3", "Q4"]
		topic: DF.Link | None
	# end: auto-generated types
	pass
