# Copyright (c) 2026, consult_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from consult_app import rules
from consult_app.access.rooms import remove_group_user_permissions, sync_group_user_permissions
from consult_app.exceptions import MemberGroupError
from consult_app.utils import participant_values


class ConsultationMemberGroup(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from consult_app.consultation.doctype.consultation_member_group_member.consultation_member_group_member import (
			ConsultationMemberGroupMember,
		)
		from consult_app.consultation.doctype.consultation_member_group_room.consultation_member_group_room import (
			ConsultationMemberGroupRoom,
		)

		active: DF.Check
		group_name: DF.Data
		liaison_rooms: DF.TableMultiSelect[ConsultationMemberGroupRoom]
		members: DF.Table[ConsultationMemberGroupMember]
		notes: DF.SmallText | None
		room: DF.Link

	# end: auto-generated types
	def validate(self):
		self.check_members()

	def on_update(self):
		sync_group_user_permissions(self)

	def on_trash(self):
		remove_group_user_permissions(self)

	def check_members(self):
		"""Hai'an Plan II.4: a group is two or three CPPCC members, each in one group row only."""
		people = [row.participant for row in self.members]
		if rules.duplicated(people):
			frappe.throw(_("Each member may be listed only once in a group."), MemberGroupError)
		if rules.member_group_too_large(len(people)):
			frappe.throw(
				_(
					"A member group has two or three members; {0} are listed. Split it into two groups."
				).format(len(people)),
				MemberGroupError,
			)
		categories = participant_values(people, "category")
		others = [
			row.participant_name or row.participant
			for row in self.members
			if categories.get(row.participant) not in rules.MEMBER_CATEGORIES
		]
		if others:
			frappe.throw(
				_("Only CPPCC members form member groups: {0} is not a CPPCC member.").format(
					_(", ").join(others)
				),
				MemberGroupError,
			)
		if rules.member_group_too_small(len(people)):
			frappe.msgprint(
				_("A member group has two or three members; add another member."),
				indicator="orange",
				alert=True,
			)
