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
