# Copyright (c) 2026, consult_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import getdate, today
from frappe.utils.nestedset import NestedSet

from consult_app import rules
from consult_app.access.rooms import (
	check_room_members,
	remove_room_user_permissions,
	sync_room_user_permissions,
)
from consult_app.checks import check_convener_composition, check_date_order
from consult_app.consultation.doctype.consultation_settings.consultation_settings import get_settings
from consult_app.exceptions import ConvenerError, CouncilCompositionError, RoomTreeError


class ConsultationRoom(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from consult_app.consultation.doctype.consultation_council_member.consultation_council_member import (
			ConsultationCouncilMember,
		)
		from consult_app.consultation.doctype.consultation_room_convener.consultation_room_convener import (
			ConsultationRoomConvener,
		)
		from consult_app.consultation.doctype.consultation_room_secretary.consultation_room_secretary import (
			ConsultationRoomSecretary,
		)

		active: DF.Check
		address: DF.SmallText | None
		conveners: DF.Table[ConsultationRoomConvener]
		council_members: DF.Table[ConsultationCouncilMember]
		county_cppcc: DF.Data | None
		has_activities: DF.Check
		has_process: DF.Check
		has_results: DF.Check
		has_rules: DF.Check
		has_signage: DF.Check
		has_venue: DF.Check
		host_organisation: DF.Data | None
		level: DF.Literal["Town/Street", "Village/Community", "Enterprise/Institution", "Park"]
		room_name: DF.Data
		secretaries: DF.Table[ConsultationRoomSecretary]
		yearly_minimum: DF.Int

	# end: auto-generated types
	nsm_parent_field = "parent_consultation_room"

	def validate(self):
		self.set_is_group()
		self.check_parent_level()
		check_room_members(self)
		self.set_yearly_minimum_from_settings()
		self.check_conveners()
		check_convener_composition(self)
		self.check_council_composition()

	def on_update(self):
		super().on_update()
		sync_room_user_permissions(self)

	def on_trash(self):
		super().on_trash()
		remove_room_user_permissions(self.name)

	def set_is_group(self):
		"""County, town/street and park rooms have rooms below them (Yancheng Norms art. 2, 14)."""
		self.is_group = 1 if rules.room_may_have_rooms_below(self.level) else 0

	def check_parent_level(self):
		"""A room sits below a room of a higher level: a village under its town, a town under its county."""
		if not self.parent_consultation_room:
			return
		parent_level = frappe.db.get_value("Consultation Room", self.parent_consultation_room, "level")
		if not rules.may_sit_below(self.level, parent_level):
			frappe.throw(
				_(
					"A {0} room cannot sit below {1}, a {2} room. Choose a room of a higher level as the parent."
				).format(_(self.level), self.parent_consultation_room, _(parent_level or "")),
				RoomTreeError,
			)

	def set_yearly_minimum_from_settings(self):
		"""Yancheng Norms art. 22: town/street rooms hold at least 2 activities a year; others per settings."""
		field = rules.yearly_minimum_field(self.level)
		if not self.yearly_minimum and field:
			self.yearly_minimum = get_settings().get(field) or 0

	def check_conveners(self):
		"""One convener, or two (双召集人: a party deputy secretary and a CPPCC member, Experience Reports/004)."""
		if rules.too_many_conveners(len(self.conveners)):
			frappe.throw(
				_("A room has at most two conveners (first and second convener); {0} are listed.").format(
					len(self.conveners)
				),
				ConvenerError,
			)
		orders = [c.convener_order for c in self.conveners]
		people = [c.participant for c in self.conveners]
		if rules.duplicated(orders) or rules.duplicated(people):
			frappe.throw(
				_("Each convener role and each person may appear only once among the conveners."),
				ConvenerError,
			)

	def check_council_composition(self):
		"""Dacheng Plan IV.2: 20–30 fixed council members ("1+7": the party secretary and the fixed members;
		the "X" members come for an issue), cadres at most half of them (settings); a residents' council also
		has one party secretary and the residents' and supervisory committees' directors among its fixed
		members, and its term is the residents' committee's."""
		if not self.council_members:
			return
		s = get_settings()
		fixed = [
			m for m in self.council_members if (m.council_role or "Fixed Member") in rules.FIXED_COUNCIL_ROLES
		]
		size = len(fixed)
		cadres = sum(1 for m in fixed if m.is_cadre)
		if rules.council_too_large(size, s.council_max):
			frappe.throw(
				_("The council has {0} fixed members; at most {1} are allowed. Remove members.").format(
					size, s.council_max
				),
				CouncilCompositionError,
			)
		if rules.cadre_share_exceeded(cadres, size, s.cadre_share_max):
			frappe.throw(
				_(
					"{0} of the {1} fixed council members are cadres; cadres may be at most {2}% of the council."
				).format(cadres, size, s.cadre_share_max),
				CouncilCompositionError,
			)
		check_date_order(self, "committee_term_start", "committee_term_end")
		gaps = rules.council_gaps(
			(m.council_role or "Fixed Member", m.is_committee_director, m.is_supervisory_director)
			for m in self.council_members
		)
		if "two_party_secretaries" in gaps:
			frappe.throw(
				_('A council has one party secretary (the "1" of 1+7+X); {0} are listed.').format(
					sum(1 for m in self.council_members if m.council_role == "Party Secretary")
				),
				CouncilCompositionError,
			)
		warnings = []
		if rules.council_too_small(size, s.council_min):
			warnings.append(
				_("The council has {0} fixed members; it should have at least {1}.").format(
					size, s.council_min
				)
			)
		if self.level == "Village/Community":
			messages = {
				"party_secretary": _('No community party secretary is listed (the "1" of 1+7+X).'),
				"committee_director": _("The residents' committee director should be a fixed member."),
				"supervisory_director": _("The supervisory committee director should be a fixed member."),
			}
			warnings += [messages[g] for g in gaps if g in messages]
			if not self.committee_term_end:
				warnings.append(_("Enter the residents' committee term: the council's term is the same."))
			elif getdate(self.committee_term_end) < getdate(today()):
				warnings.append(
					_(
						"The residents' committee term ended on {0}: re-determine the council's fixed members."
					).format(self.committee_term_end)
				)
		if warnings:
			frappe.msgprint("<br>".join(warnings), title=_("Council"), indicator="orange")
