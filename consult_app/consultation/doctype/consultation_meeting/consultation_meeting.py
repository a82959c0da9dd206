# Copyright (c) 2026, consult_app developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import format_datetime, get_datetime, get_system_timezone, get_url_to_form, now_datetime

from consult_app import mail, rules
from consult_app.checks import check_convener_composition, check_date_order
from consult_app.consultation.doctype.consultation_settings.consultation_settings import get_settings
from consult_app.exceptions import (
	AgendaMissingError,
	AttendanceMissingError,
	ConvenerError,
	ConvenerMissingError,
	DissentExplanationMissingError,
	DuplicateParticipantError,
	MalformedValueError,
	MeetingFormError,
	MeetingNotStartedError,
	MeetingNotSubmittedError,
	MinutesMissingError,
	NoRecipientsError,
	NoticeMissingError,
	NoticeTooLateError,
	OpinionMissingError,
	ParticipantNotAcceptedError,
	PublicityPeriodError,
	ResearchMissingError,
)
from consult_app.ics import ics_event
from consult_app.process import flow
from consult_app.process.states import Topic
from consult_app.utils import label, participant_values

NOTICE_PRINT_FORMAT = "Meeting Notice"
MINUTES_PRINT_FORMAT = "Meeting Minutes"


class ConsultationMeeting(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from consult_app.consultation.doctype.consultation_department_statement.consultation_department_statement import (
			ConsultationDepartmentStatement,
		)
		from consult_app.consultation.doctype.consultation_meeting_convener.consultation_meeting_convener import (
			ConsultationMeetingConvener,
		)
		from consult_app.consultation.doctype.consultation_meeting_participant.consultation_meeting_participant import (
			ConsultationMeetingParticipant,
		)
		from consult_app.consultation.doctype.consultation_meeting_topic.consultation_meeting_topic import (
			ConsultationMeetingTopic,
		)
		from consult_app.consultation.doctype.consultation_opinion.consultation_opinion import (
			ConsultationOpinion,
		)

		agenda: DF.Table[ConsultationMeetingTopic]
		amended_from: DF.Link | None
		consensus: DF.Text | None
		consensus_reached: DF.Check
		conveners: DF.Table[ConsultationMeetingConvener]
		dissent_explanation: DF.Text | None
		end: DF.Datetime | None
		follow_up: DF.SmallText | None
		form: DF.Literal["In Person", "On-site", "Online", "Written", "Mixed"]
		meeting_link: DF.Data | None
		meeting_title: DF.Data
		minutes: DF.Text | None
		notice_sent_on: DF.Datetime | None
		opinions: DF.Table[ConsultationOpinion]
		participants: DF.Table[ConsultationMeetingParticipant]
		preparation: DF.SmallText | None
		reply_deadline: DF.Date | None
		room: DF.Link
		short_notice_reason: DF.SmallText | None
		start: DF.Datetime
		statements: DF.Table[ConsultationDepartmentStatement]
		venue: DF.Data | None

	# end: auto-generated types
	def validate(self):
		check_date_order(self, "start", "end")
		self.check_form_details()
		self.check_agenda_researched()
		self.check_publicity_period()
		self.check_conveners()
		check_convener_composition(self)
		self.check_participants_unique()
		self.check_participants_accepted()
		self.warn_without_stakeholder()

	def before_submit(self):
		self.check_started()
		self.check_notified()
		self.check_agenda_present()
		self.check_attendance_recorded()
		self.check_opinion_per_topic()
		self.check_dissent_explained()
		self.check_minutes()

	def on_submit(self):
		self.mark_topics_consulted()

	def on_cancel(self):
		self.keep_topics_consulted()

	# -- scheduling -----------------------------------------------------------------------------

	def check_form_details(self):
		"""Yancheng Norms art. 16: the form fits the content; online needs a link, written a reply deadline."""
		if self.form in rules.LINK_FORMS and not (self.meeting_link or "").strip():
			frappe.throw(
				_("A meeting in the form {0} needs the {1}. Enter the link participants use to join.").format(
					_(self.form), label(self, "meeting_link")
				),
				MeetingFormError,
			)
		if self.form == rules.WRITTEN_FORM and not self.reply_deadline:
			frappe.throw(
				_(
					"A written consultation needs the {0}. Enter the date by which written opinions are due."
				).format(label(self, "reply_deadline")),
				MeetingFormError,
			)

	def agenda_topics(self) -> list[dict]:
		names = [row.topic for row in self.agenda if row.topic]
		if not names:
			return []
		rows = frappe.get_all(
			"Consultation Topic",
			filters={"name": ("in", names)},
			fields=["name", "title", "workflow_state", "earliest_meeting_date", "affects_residents"],
		)
		by_name = {r.name: r for r in rows}
		return [by_name[n] for n in names if n in by_name]

	def check_agenda_researched(self):
		"""不调研不协商 (Hai'an Plan, Yancheng Norms art. 15): no consultation without completed research."""
		for topic in self.agenda_topics():
			researched = frappe.db.exists("Consultation Research", {"topic": topic.name, "completed": 1})
			if not researched:
				frappe.throw(
					_(
						"No research, no consultation: topic {0} ({1}) has no completed research record. "
						"Record the research and tick Research Completed before putting the topic on the agenda."
					).format(topic.name, topic.title),
					ResearchMissingError,
					title=_("Topic not researched"),
				)
			if topic.workflow_state not in (*Topic.AGENDA_READY, Topic.CONCLUDED):
				frappe.throw(
					_(
						"Topic {0} ({1}) is still {2} although its research is completed. "
						"Ask the room secretary to take the step Complete Research on the topic first."
					).format(topic.name, topic.title, _(topic.workflow_state)),
					ResearchMissingError,
					title=_("Topic not researched"),
				)

	def check_publicity_period(self):
		"""Yancheng Norms art. 14: a topic is posted publicly at least N days (settings) before the meeting."""
		for topic in self.agenda_topics():
			if rules.meeting_before_publicity_ends(self.start, topic.earliest_meeting_date):
				frappe.throw(
					_(
						"Topic {0} ({1}) is publicized until {2} ({3} days of publicity); the meeting cannot "
						"start before then. Move the meeting to {2} or later."
					).format(
						topic.name, topic.title, topic.earliest_meeting_date, get_settings().publicity_days
					),
					PublicityPeriodError,
					title=_("Publicity period not over"),
				)

	# -- participants ---------------------------------------------------------------------------

	def check_conveners(self):
		"""A meeting has one convener, or two (双召集人, Experience Reports)."""
		if rules.missing_convener(len(self.conveners)):
			frappe.throw(
				_(
					"A consultation meeting needs at least one convener. Add the convener on the Conveners table."
				),
				ConvenerMissingError,
			)
		if rules.too_many_conveners(len(self.conveners)):
			frappe.throw(_("A meeting has at most two conveners. Remove the extra rows."), ConvenerError)
		dups = rules.duplicated(row.participant for row in self.conveners)
		if dups:
			frappe.throw(
				_("{0} is listed twice as convener. Remove the second row.").format(self.names_of(dups)),
				ConvenerError,
			)

	def check_participants_unique(self):
		dups = rules.duplicated(row.participant for row in self.participants)
		if dups:
			frappe.throw(
				_("{0} is listed twice among the participants. Remove the second row.").format(
					self.names_of(dups)
				),
				DuplicateParticipantError,
			)

	def check_participants_accepted(self):
		"""Hai'an Plan: 参与协商的人员须经党组织认可 — conveners and participants alike."""
		people = [row.participant for row in self.conveners] + [row.participant for row in self.participants]
		if not people:
			return
		accepted = set(
			frappe.get_all(
				"Consultation Participant",
				filters={"name": ("in", people), "party_accepted": 1},
				pluck="name",
			)
		)
		refused = [p for p in dict.fromkeys(people) if p not in accepted]
		if refused:
			frappe.throw(
				_(
					"Not accepted by the party organisation, so they cannot be invited: {0}. "
					"Record the party acceptance on the participant first, or remove them from the meeting."
				).format(self.names_of(refused)),
				ParticipantNotAcceptedError,
				title=_("Participant not accepted"),
			)

	def warn_without_stakeholder(self):
		"""Hai'an Plan: stakeholders take part; a topic that affects residents expects their representative."""
		topics = self.agenda_topics()
		people = [row.participant for row in self.participants]
		categories = participant_values(people, "category")
		pairs = [(categories.get(row.participant), row.meeting_role) for row in self.participants]
		if rules.needs_stakeholder([t.affects_residents for t in topics], pairs):
			frappe.msgprint(
				_(
					"The agenda has a topic that affects residents but no stakeholder or resident representative "
					"is invited. Consider inviting one."
				),
				title=_("No stakeholder representative"),
				indicator="orange",
			)

	def names_of(self, participants) -> str:
		names = participant_values(participants, "full_name")
		return _(", ").join(names.get(p) or p for p in participants)

	# -- notice ---------------------------------------------------------------------------------

	@frappe.whitelist()
	def send_notice(self, resend_reason: str | None = None, **unexpected) -> dict:
		"""Yancheng Norms art. 16: participants are told the content in advance. Emails the notice (PDF) and
		an iCalendar invitation to every invited participant and convener with an email address. Works on
		the meeting as stored, whatever the client sent along (run_doc_method), with the caller's write
		permission on it. A notice already sent goes out again only with a reason, which is logged."""
		if unexpected:  # run_doc_method passes the client's `args` as keywords
			frappe.throw(
				_("Sending a notice takes only a reason for sending it again, not: {0}").format(
					frappe.utils.escape_html(", ".join(map(str, unexpected)))
				),
				MalformedValueError,
			)
		meeting = frappe.get_doc(self.doctype, self.name)
		meeting.check_permission("write")
		return meeting.email_notice(resend_reason)

	def email_notice(self, resend_reason: str | None) -> dict:
		if self.docstatus != 0:
			frappe.throw(
				_(
					"Meeting {0} has been recorded as held or cancelled: its notice can no longer be sent."
				).format(self.name),
				NoticeMissingError,
			)
		resend_reason = (resend_reason or "").strip()
		if self.notice_sent_on and not resend_reason:
			frappe.throw(
				_("The notice was sent on {0}. To send it again, give the reason (it is recorded).").format(
					format_datetime(self.notice_sent_on)
				),
				NoticeMissingError,
			)
		self.check_notice_in_time()
		recipients, without_email = self.notice_recipients()
		if not recipients:
			frappe.throw(
				_("None of the invited participants has an email address. Enter their emails first."),
				NoRecipientsError,
			)
		if not mail.outgoing_account_ready():
			frappe.throw(
				_(
					"No outgoing email account is set up, so the notice cannot be emailed. Ask IT to set one up."
				),
				NoRecipientsError,
			)
		frappe.sendmail(
			recipients=recipients,
			subject=_("Consultation meeting notice: {0}").format(rules.plain_text(self.meeting_title)),
			message=self.notice_message(),
			attachments=[{"fid": self.notice_pdf().name}, {"fid": self.notice_ics().name}],
			reference_doctype=self.doctype,
			reference_name=self.name,
		)
		sent_on = now_datetime()
		self.db_set("notice_sent_on", sent_on)
		if resend_reason:
			self.add_comment(
				"Info",
				_("Meeting notice sent again to {0} invitee(s). Reason: {1}").format(
					len(recipients), resend_reason
				),
			)
		else:
			self.add_comment("Info", _("Meeting notice emailed to {0} invitee(s).").format(len(recipients)))
		if without_email:
			frappe.msgprint(
				_("These invitees have no email address; notify them another way: {0}.").format(
					self.names_of(without_email)
				),
				indicator="orange",
			)
		return {"recipients": recipients, "without_email": without_email, "notice_sent_on": str(sent_on)}

	def check_notice_in_time(self):
		days = get_settings().notice_days
		if (
			rules.notice_too_late(now_datetime(), self.start, days)
			and not (self.short_notice_reason or "").strip()
		):
			frappe.throw(
				_(
					"The notice is due {0} days before the meeting, by {1}. Enter the {2} and save, "
					"then send the notice."
				).format(
					days,
					format_datetime(rules.notice_deadline(self.start, days)),
					label(self, "short_notice_reason"),
				),
				NoticeTooLateError,
				title=_("Notice too late"),
			)

	def invitees(self) -> list[str]:
		people = [row.participant for row in self.conveners]
		people += [row.participant for row in self.participants if row.invited]
		return list(dict.fromkeys(people))

	def notice_recipients(self) -> tuple[list[str], list[str]]:
		people = self.invitees()
		emails = participant_values(people, "email")
		recipients = list(dict.fromkeys(emails[p].strip() for p in people if (emails.get(p) or "").strip()))
		return recipients, [p for p in people if not (emails.get(p) or "").strip()]

	def notice_message(self) -> str:
		where = self.venue or self.meeting_link or ""
		lines = [
			_("You are invited to the consultation meeting {0}.").format(
				frappe.bold(frappe.utils.escape_html(self.meeting_title))
			),
			_("Time: {0}").format(format_datetime(self.start)),
			_("Form: {0}").format(_(self.form)),
		]
		if where:
			lines.append(_("Place: {0}").format(frappe.utils.escape_html(where)))
		if self.form == rules.WRITTEN_FORM and self.reply_deadline:
			lines.append(
				_("Send your written opinion by {0}.").format(frappe.utils.formatdate(self.reply_deadline))
			)
		lines.append(_("The notice with the topics and what to prepare is attached."))
		return "<br>".join(lines)

	def attach_file(self, file_name: str, content) -> "Document":
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": file_name,
				"attached_to_doctype": self.doctype,
				"attached_to_name": self.name,
				"is_private": 1,
				"content": content,
			}
		)
		file.save(ignore_permissions=True)
		return file

	def notice_pdf(self):
		pdf = frappe.get_print(self.doctype, self.name, NOTICE_PRINT_FORMAT, as_pdf=True)
		return self.attach_file(f"{self.name}-notice.pdf", pdf)

	def notice_ics(self):
		ics = ics_event(
			uid=f"{self.name}@{frappe.local.site}",
			title=self.meeting_title,
			start=get_datetime(self.start),
			end=get_datetime(self.end) if self.end else None,
			location=self.venue or self.meeting_link,
			description=self.preparation,
			url=self.meeting_link or get_url_to_form(self.doctype, self.name),
			tzid=get_system_timezone(),
		)
		return self.attach_file(f"{self.name}.ics", ics.encode("utf-8"))

	# -- closing --------------------------------------------------------------------------------

	def check_started(self):
		"""A meeting is recorded as held once it has started: not days ahead."""
		if rules.meeting_not_started(self.start, now_datetime()):
			frappe.throw(
				_("The meeting starts on {0}: record it as held (submit it) once it has taken place.").format(
					format_datetime(self.start)
				),
				MeetingNotStartedError,
			)

	def check_notified(self):
		"""Yancheng Norms art. 16: participants are told in advance. Submitting needs the notice sent (for an
		amended record: the original meeting's), or the reason why it was short or not sent."""
		noticed = self.notice_sent_on or (
			self.amended_from and frappe.db.get_value(self.doctype, self.amended_from, "notice_sent_on")
		)
		if not noticed and not (self.short_notice_reason or "").strip():
			frappe.throw(
				_(
					"No notice was sent for this meeting. Send the notice, or enter the {0} (how participants were told), then submit."
				).format(label(self, "short_notice_reason")),
				NoticeMissingError,
			)

	def check_agenda_present(self):
		if not self.agenda:
			frappe.throw(
				_("Put at least one topic on the agenda before submitting the meeting."), AgendaMissingError
			)

	def check_attendance_recorded(self):
		"""Attendance of every invited participant; a written consultation collects opinions instead."""
		if self.form == rules.WRITTEN_FORM:
			return
		missing = rules.without_attendance(
			(row.participant, row.attendance) for row in self.participants if row.invited
		)
		if missing or not self.participants:
			frappe.throw(
				_(
					"Record the attendance (present, absent or excused) of every participant before submitting: {0}."
				).format(self.names_of(missing) if missing else _("no participants")),
				AttendanceMissingError,
				title=_("Attendance missing"),
			)

	def check_opinion_per_topic(self):
		agenda = [row.topic for row in self.agenda]
		heard = [row.topic for row in self.opinions]
		stray = rules.off_agenda(agenda, heard)
		if stray:
			frappe.throw(
				_(
					"Opinions are recorded on topics that are not on the agenda: {0}. Correct the topic of those rows."
				).format(_(", ").join(stray)),
				OpinionMissingError,
			)
		silent = rules.topics_without_opinion(agenda, heard)
		if silent:
			titles = {row.topic: row.topic_title or row.topic for row in self.agenda}
			frappe.throw(
				_(
					"Record at least one opinion for each agenda topic before submitting. No opinion yet on: {0}."
				).format(_(", ").join(titles[t] for t in silent)),
				OpinionMissingError,
				title=_("Opinion missing"),
			)

	def check_dissent_explained(self):
		"""Yancheng Norms art. 19: dissenting residents are given an explanation by the organisers."""
		speakers = [row.speaker for row in self.opinions if row.stance == "Disagree" and row.speaker]
		categories = participant_values(speakers, "category")
		roles = {row.participant: row.meeting_role for row in self.participants}
		dissenting = [
			s
			for s in speakers
			if categories.get(s) in rules.RESIDENT_CATEGORIES or roles.get(s) in rules.RESIDENT_MEETING_ROLES
		]
		if rules.dissent_unexplained(len(dissenting), self.dissent_explanation):
			frappe.throw(
				_(
					"{0} disagreed. Record the {1} before submitting: the organisers explain the outcome to residents who disagree."
				).format(self.names_of(list(dict.fromkeys(dissenting))), label(self, "dissent_explanation")),
				DissentExplanationMissingError,
			)

	def check_minutes(self):
		if not (frappe.utils.strip_html(self.minutes or "")).strip():
			frappe.throw(
				_("Write the {0} before submitting the meeting.").format(label(self, "minutes")),
				MinutesMissingError,
				title=_("Minutes missing"),
			)

	def mark_topics_consulted(self):
		"""The meeting held moves each agenda topic that was ready to Consulted (process/flow.py). A topic
		already Consulted (an amended meeting, a follow-up meeting) stays as it is."""
		for row in self.agenda:
			flow.advance_topic(row.topic, flow.MEETING_HELD, self)

	def keep_topics_consulted(self):
		"""Cancelling does not move topics back: the consultation took place. The amended meeting
		records the corrections; its submission leaves the already Consulted topics as they are."""
		consulted = [row.topic for row in self.agenda]
		if consulted:
			frappe.msgprint(
				_("The agenda topics stay Consulted. Amend this meeting to correct its record."),
				indicator="blue",
				alert=True,
			)


# -- outcomes drafted from the meeting --------------------------------------------------------------


@frappe.whitelist()
def make_outcome(source_name: str, topic: str | None = None, target_doc=None):
	"""A new outcome drafted from a held (submitted) meeting, for one topic of its agenda (Yancheng Norms
	art. 17: suggestions are drawn up from the meeting and reported). The meeting form's button opens it
	(frappe.model.open_mapped_doc); `topic` defaults to the agenda's first topic."""
	from frappe.model.mapper import get_mapped_doc

	topic = topic or (frappe.flags.args or {}).get("topic")  # the form's button passes it as args

	def draft(source, target):
		agenda = {row.topic: row for row in source.agenda}
		row = agenda.get(topic) if topic else (source.agenda[0] if source.agenda else None)
		if not row:
			frappe.throw(
				_("Topic {0} is not on the agenda of meeting {1}.").format(topic, source.name),
				MeetingNotSubmittedError,
			)
		title = row.topic_title or frappe.db.get_value(Topic.DOCTYPE, row.topic, "title")
		host = frappe.db.get_value("Consultation Room", source.room, "host_organisation")
		content = (source.consensus or source.minutes or "").strip()
		target.topic = row.topic
		target.title = _("Consultation suggestions on {0}").format(title)
		target.outcome_type = "Consultation Suggestion"
		target.content = content or _("To be drafted from the record of meeting {0}.").format(source.name)
		if host:
			target.append("recipients", {"recipient_type": "Party Committee", "recipient_name": host})

	return get_mapped_doc(
		"Consultation Meeting",
		source_name,
		{
			"Consultation Meeting": {
				"doctype": "Consultation Outcome",
				"field_map": {"name": "meeting"},
				"field_no_map": ["title", "minutes", "amended_from", "naming_series"],
				"validation": {"docstatus": ["=", 1]},
			}
		},
		target_doc,
		draft,
	)


@frappe.whitelist()
def make_outcomes(meeting: str) -> list[str]:
	"""One Draft outcome per topic on the agenda of a held (submitted) meeting. Topics that already have an
	outcome from this meeting keep it. Returns the outcomes of the agenda's topics."""
	doc = frappe.get_doc("Consultation Meeting", meeting)
	doc.check_permission("read")
	frappe.has_permission("Consultation Outcome", "create", throw=True)
	if doc.docstatus != 1:
		frappe.throw(
			_(
				"Meeting {0} has not been submitted. Submit the meeting record first, then draft its outcomes."
			).format(doc.name),
			MeetingNotSubmittedError,
		)
	names = []
	for row in doc.agenda:
		existing = frappe.db.get_value("Consultation Outcome", {"meeting": doc.name, "topic": row.topic})
		names.append(existing or make_outcome(doc.name, row.topic).insert().name)
	return names
