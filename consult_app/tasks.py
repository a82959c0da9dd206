"""Scheduled jobs (hooks.scheduler_events). Each is a thin entry point into the module that owns
the rule, so that a test runs exactly what the scheduler runs."""


def remind_collection_deadline():
	"""Seed 000: remind room secretaries before the quarter's topic collection deadline."""
	from consult_app.topics import remind_collection_deadline

	remind_collection_deadline()


def flag_overdue_outcomes():
	"""Seed 002 交督复: flag overdue outcomes to their handling unit, and escalate late ones."""
	from consult_app.outcomes import flag_overdue_outcomes

	flag_overdue_outcomes()
