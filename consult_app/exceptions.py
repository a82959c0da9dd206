"""Specific errors for the domain's rules: each a `frappe.ValidationError`, so a refused save
rolls back and the API answers 417 with the translated message."""

import frappe


class DateOrderError(frappe.ValidationError):
	"""An end before its start."""


class PercentRangeError(frappe.ValidationError):
	"""A percentage outside 0–100."""


class AcceptanceIncompleteError(frappe.ValidationError):
	"""Party acceptance recorded without who accepted and when."""


class ConvenerError(frappe.ValidationError):
	"""More than two conveners, or the same person twice."""


class CouncilCompositionError(frappe.ValidationError):
	"""A council over its size bound or with too many cadres (Dacheng Plan)."""


class SensitiveReportIncompleteError(frappe.ValidationError):
	"""Sensitive matters reported without to whom and when (Yancheng Norms art. 15)."""


class SettingsError(frappe.ValidationError):
	"""Inconsistent Consultation Settings."""


class SpamSubmissionError(frappe.ValidationError):
	"""A web form submission that fills the honeypot or exceeds the length limits."""


class ShortlistLimitError(frappe.ValidationError):
	"""More topics shortlisted or fixed in a quarter than the settings allow (Gaosuntang Plan)."""


class ExclusionCheckIncompleteError(frappe.ValidationError):
	"""Approval with an unanswered item of the exclusion list (九不议)."""


class ExcludedTopicError(frappe.ValidationError):
	"""Approval of a topic that hits an item of the exclusion list: it can only be rejected."""


class RejectionReasonMissingError(frappe.ValidationError):
	"""A rejection without a reason."""


class TemporaryTopicNotApprovedError(frappe.ValidationError):
	"""A temporary topic (outside the approved annual plan) publicized without its own approval (Hai'an Plan)."""


class DuplicatePlanTopicError(frappe.ValidationError):
	"""The same topic listed twice in an annual plan."""


class TopicNotPublicizedError(frappe.ValidationError):
	"""Research on a topic that has not been publicized yet (Yancheng Norms art. 14–15)."""


class ResearchMissingError(frappe.ValidationError):
	"""A topic on a meeting's agenda without completed research: 不调研不协商 (Hai'an Plan, Yancheng Norms art. 15)."""


class PublicityPeriodError(frappe.ValidationError):
	"""A meeting before an agenda topic's publicity period has run (Yancheng Norms art. 14)."""


class ParticipantNotAcceptedError(frappe.ValidationError):
	"""A meeting participant or convener not accepted by the party organisation (Hai'an Plan)."""


class ConvenerMissingError(frappe.ValidationError):
	"""A meeting without a convener."""


class DuplicateParticipantError(frappe.ValidationError):
	"""The same participant listed twice in a meeting or a research team."""


class MeetingFormError(frappe.ValidationError):
	"""A meeting form without what it needs (online: the link; written: the reply deadline)."""


class NoticeTooLateError(frappe.ValidationError):
	"""A meeting notice sent within the notice period without a reason for the short notice (Yancheng Norms art. 16)."""


class NoRecipientsError(frappe.ValidationError):
	"""A meeting notice with nobody to send it to."""


class AgendaMissingError(frappe.ValidationError):
	"""A meeting submitted without a topic on its agenda."""


class AttendanceMissingError(frappe.ValidationError):
	"""A meeting submitted without everyone's attendance recorded."""


class OpinionMissingError(frappe.ValidationError):
	"""A meeting submitted with an agenda topic that has no opinion recorded, or an opinion off the agenda."""


class MinutesMissingError(frappe.ValidationError):
	"""A meeting submitted without minutes."""


class DissentExplanationMissingError(frappe.ValidationError):
	"""Residents disagreed but no explanation to them is recorded (Yancheng Norms art. 19)."""


class NotAParticipantError(frappe.ValidationError):
	"""A user who is not in the participant registry tries to join a research team."""


class MeetingNotSubmittedError(frappe.ValidationError):
	"""Outcomes drafted from a meeting that has not been submitted (held and recorded)."""


class AssignmentMissingError(frappe.ValidationError):
	"""An outcome adopted without a handling unit or a due date (Experience Reports 交督复)."""


class DueDateBeforeMeetingError(frappe.ValidationError):
	"""An outcome due before the meeting that produced it."""


class ProgressBackwardsError(frappe.ValidationError):
	"""Implementation progress that goes backwards without a note."""


class FeedbackNotAllowedError(frappe.ValidationError):
	"""Feedback on an outcome that is neither implemented nor declined, or published too early."""


class FeedbackMissingError(frappe.ValidationError):
	"""Feedback given without its text, or published without the public text."""


class EvaluationWithoutFeedbackError(frappe.ValidationError):
	"""An outcome evaluated before feedback was sent: it cannot be closed without feedback."""


class EvaluationIncompleteError(frappe.ValidationError):
	"""An evaluation without satisfaction or comment."""


class WorkflowStateLockedError(frappe.ValidationError):
	"""A change by a role that the document's workflow state does not let edit (server-side allow_edit)."""


class SettledFieldError(frappe.ValidationError):
	"""A change, outside a workflow transition, to a field settled by a decision (approval, adoption)."""


class MalformedValueError(frappe.ValidationError):
	"""A request that posts, for an app DocType, a value of the wrong shape (a text where rows are expected,
	a list where one value is expected, an invalid date, a number out of range): refused before Frappe builds
	a document from it (consult_app.payload_guard)."""


class SelfApprovalError(frappe.ValidationError):
	"""The owner of a document takes a workflow step that does not allow self-approval, by writing the state."""


class RoomTreeError(frappe.ValidationError):
	"""A room placed below a room of the same or a lower level."""


class MemberGroupError(frappe.ValidationError):
	"""A member group of more than three, with a non-member or a member listed twice (Hai'an Plan II.4)."""


class RoomMembershipError(frappe.ValidationError):
	"""A room's secretaries table lists a user who is not a room secretary, or one of the office."""


class StoredRecordPermissionError(frappe.PermissionError):
	"""A change to a record the user may not write as it is stored (it is in another room or unit)."""


class AccessLinkChangeError(frappe.PermissionError):
	"""A change, by someone other than the consultation office, of a link that decides who sees a record
	(its room, topic, meeting or handling unit), or of an adopted outcome's assignment."""


class EchoWallError(frappe.ValidationError):
	"""A topic ticked for the echo wall before it was publicized."""


class OutcomeOpenError(frappe.ValidationError):
	"""A topic concluded while one of its outcomes is not yet evaluated."""


class MeetingNotStartedError(frappe.ValidationError):
	"""A meeting recorded as held (submitted) before it starts."""


class NoticeMissingError(frappe.ValidationError):
	"""A meeting submitted with no notice sent and no reason, a notice resent without a reason, or a notice
	for a meeting already held."""


class ResearchIncompleteError(frappe.ValidationError):
	"""Research ticked completed without its findings or team (Gaosuntang Plan III.3)."""


class OutcomeWithoutConsultationError(frappe.ValidationError):
	"""An outcome that no held meeting consulted: without a meeting, or from a meeting whose agenda lacks its topic."""


class NotConsultedError(frappe.ValidationError):
	"""A topic marked consulted without a held meeting that heard an opinion on it."""


class ProposerMissingError(frappe.ValidationError):
	"""A topic from the web form with neither the proposer's name nor the choice to stay anonymous."""


class DemoStepError(frappe.ValidationError):
	"""A step of the demo's story that the app refused: the demo stops there, naming the step."""


class CreatedInLaterStateError(frappe.ValidationError):
	"""A topic, plan or outcome created in a state other than Draft (e.g. a historical record imported from
	a spreadsheet): every step has its gates, so a record starts as Draft."""


class HiddenFieldQueryError(frappe.PermissionError):
	"""A list, count, export, search or value query that filters, sorts or groups by a field the user cannot
	read (a permission level above theirs): counting would reveal the hidden value (access/query_guard.py)."""


class UnsavedDocumentMethodError(frappe.PermissionError):
	"""A document method of an app DocType called on a document that is not saved: the app's methods act on
	the record as stored (access/doc_methods.py)."""
