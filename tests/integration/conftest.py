"""Integration tier: real Frappe v15 test site (see tests/harness.py for setup, rollback and rules)."""

import sys
from pathlib import Path

# tests/ (harness.py) and this directory (helper modules such as factory.py) are importable by name
sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

import harness
import pytest

_reason = harness.bench_missing_reason()
if _reason:
	# skip the whole tier: each test module is reported as one skipped test, without being imported

	def pytest_pycollect_makemodule(module_path, parent):
		return harness.skipped_module(parent, module_path, _reason)

else:
	# the harness fixtures, made visible to this directory
	committed = harness.committed
	frappe_rollback = harness.frappe_rollback
	frappe_site = harness.frappe_site
	live_server = harness.live_server


# -- personas and settings of the consultation domain (tests/integration/factory.py) --------------


@pytest.fixture(scope="session")
def personas(frappe_site, live_server):
	"""The persona users (secretary of room A and of room B, reviewer, convener, member, manager,
	handling unit) and the two rooms, committed once per session. The live server runs alongside:
	PDFs (print formats, attachments of workflow emails) need the site's URL to answer."""
	import factory

	return factory.ensure_personas()


@pytest.fixture
def set_settings(frappe_site):
	"""Change Consultation Settings for one test; rolled back, and the cached copy dropped, after it."""
	import frappe

	from consult_app.consultation.doctype.consultation_settings.consultation_settings import forget_settings

	def _set(**values):
		for field, value in values.items():
			frappe.db.set_single_value("Consultation Settings", field, value)
		frappe.clear_document_cache("Consultation Settings", "Consultation Settings")
		forget_settings()  # the copy kept for the transaction

	yield _set
	frappe.db.rollback()
	frappe.clear_document_cache("Consultation Settings", "Consultation Settings")


@pytest.fixture(scope="session")
def sessions(personas, live_server):
	"""One logged-in requests.Session per persona (key None: Guest, a session without login)."""
	import factory
	import requests

	out = {None: requests.Session()}
	for persona in factory.PERSONAS:
		s = requests.Session()
		r = s.post(
			f"{live_server}/api/method/login",
			data={"usr": factory.email(persona), "pwd": factory.PASSWORD},
			timeout=30,
		)
		assert r.status_code == 200, (persona, r.text[:300])
		out[persona] = s
	return out


@pytest.fixture
def smtp_sink():
	"""An SMTP server on 127.0.0.1:SMTP_PORT (the test site's outgoing Email Account) collecting messages."""
	from aiosmtpd.controller import Controller
	from factory import SMTP_PORT

	class Sink:
		def __init__(self):
			self.messages = []

		async def handle_DATA(self, server, session, envelope):
			self.messages.append((envelope.rcpt_tos, envelope.content))
			return "250 OK"

	handler = Sink()
	controller = Controller(handler, hostname="127.0.0.1", port=SMTP_PORT)
	controller.start()
	yield handler
	controller.stop()
