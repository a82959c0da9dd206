# Copyright (c) 2026, consult_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from consult_app import rules
from consult_app.access.workflow_guard import check_state_allows_edit
from consult_app.exceptions import DuplicatePlanTopicError
from consult_app.process import steps
from consult_app.process.states import Plan
from consult_app.process.topic import link_planned_topics


class ConsultationPlan(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from consult_app.consultation.doctype.consultation_plan_topic.consultation_plan_topic import (
			ConsultationPlanTopic,
		)

		approved_by: DF.Link | None
		approved_on: DF.Date | None
		planned_topics: DF.Table[ConsultationPlanTopic]
		room: DF.Link
		workflow_state: DF.Link | None
		year: DF.Int

	# end: auto-generated types
	def validate(self):
		check_state_allows_edit(self)
		self.check_topics_listed_once()
		steps.run(self)

	def on_update(self):
		steps.run_after(self)
		if self.workflow_state == Plan.APPROVED:
			link_planned_topics(self)

	def check_topics_listed_once(self):
		dups = rules.duplicated([row.topic for row in self.planned_topics if row.topic])
		if dups:
			frappe.throw(
				_("Each topic may appear only once in the plan: {0}.").format(_(", ").join(dups)),
				DuplicatePlanTopicError,
			)
