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
	"""A council over its size bound or with too many cadres (seed 004)."""


class SensitiveReportIncompleteError(frappe.ValidationError):
	"""Sensitive matters reported without to whom and when (seed 003 art. 15)."""


class SettingsError(frappe.ValidationError):
	"""Inconsistent Consultation Settings."""


class SpamSubmissionError(frappe.ValidationError):
	"""A web form submission that fills the honeypot or exceeds the length limits."""


class ShortlistLimitError(frappe.ValidationError):
	"""More topics shortlisted or fixed in a quarter than the settings allow (seed 000)."""


class ExclusionCheckIncompleteError(frappe.ValidationError):
	"""Approval with an unanswered item of the exclusion list (九不议)."""


class ExcludedTopicError(frappe.ValidationError):
	"""Approval of a topic that hits an item of the exclusion list: it can only be rejected."""


class RejectionReasonMissingError(frappe.ValidationError):
	"""A rejection without a reason."""


class TemporaryTopicNotApprovedError(frappe.ValidationError):
	"""A temporary topic (outside the approved annual plan) publicized without its own approval (seed 001)."""


class DuplicatePlanTopicError(frappe.ValidationError):
	"""The same topic listed twice in an annual plan."""
