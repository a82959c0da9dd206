"""Scheduled jobs (hooks.scheduler_events). Each is a thin entry point into the module that owns the rule,
so that a test runs exactly what the scheduler runs. Each may run twice at once (two schedulers, a retried
job) without sending anything twice: the rules lock what they mark."""


def remind_collection_deadline():
	"""Gaosuntang Plan III.2: remind room secretaries before the quarter's topic collection deadline."""
	from consult_app.process.collection import remind_collection_deadline

	remind_collection_deadline()


def flag_overdue_outcomes():
	"""Experience Reports 交督复: flag overdue outcomes to their handling unit, and escalate late ones."""
	from consult_app.process.supervision import flag_overdue_outcomes

	flag_overdue_outcomes()
