"""Custom chart source: consultation activities per month by room level (consult_app.reports)."""
