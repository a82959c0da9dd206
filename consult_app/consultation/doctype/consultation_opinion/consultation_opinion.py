# Copyright (c) 2026, consult_app developers and contributors
# For license information, please see license.txt

from consult_app.access.child_rows import ChildRow


class ConsultationOpinion(ChildRow):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		opinion: DF.SmallText
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		speaker: DF.Link | None
		speaker_name: DF.Data | None
		stance: DF.Literal["Agree", "Disagree", "Supplement"]
		topic: DF.Link
	# end: auto-generated types
	pass
