"""Two schedulers at once (docs/deployment.md, "Beyond one machine"): a county running two benches, or two
scheduler processes by mistake, runs each daily job twice at the same moment. Each run here is a thread
with its own site connection, released together; what must hold is what the jobs promise — one overdue
reminder per outcome a day (Experience Reports 交督复 — 督) and one collection reminder per room and
deadline (Gaosuntang Plan III.2).

The records the jobs read are committed (another connection must see them) and removed after the test.
The overdue outcome is written directly with the columns the job reads: how an outcome becomes adopted and
assigned is tested in test_outcomes.py; here only the job is under test.
"""

from __future__ import annotations

import threading
from datetime import date

import frappe
import pytest
from factory import ROOM_A, email
from frappe.utils import add_days, getdate
from outcome_factory import handling_unit

from consult_app import rules
from consult_app.consultation.doctype.consultation_settings.consultation_settings import get_settings
from consult_app.process.collection import remind_collection_deadline
from consult_app.process.states import Outcome
from consult_app.process.supervision import flag_overdue_outcomes

OUTCOME = Outcome.DOCTYPE
DAY = date(2031, 3, 20)  # a day no other test uses


def run_twice_at_once(job, on_date) -> list:
	"""Runs `job(on_date)` in two threads, each with its own connection to the test site, started
	together; each commits as the scheduler does. Returns what each run returned (or raised)."""
	site, sites_path = frappe.local.site, frappe.local.sites_path
	start = threading.Barrier(2)
	results = [None, None]

	def run(i):
		frappe.init(site=site, sites_path=sites_path)
		frappe.connect()
		try:
			frappe.set_user("Administrator")
			frappe.flags.in_test = True
			frappe.flags.mute_emails = True
			start.wait(timeout=30)
			results[i] = job(on_date=on_date)
			frappe.db.commit()
		except Exception as e:
			frappe.db.rollback()
			results[i] = e
		finally:
			frappe.destroy()

	threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
	for t in threads:
		t.start()
	for t in threads:
		t.join(timeout=120)
	assert not any(t.is_alive() for t in threads), "a job run hangs (lock wait?)"
	for r in results:
		if isinstance(r, Exception):
			raise r
	frappe.db.rollback()  # this connection's next reads see what the runs committed
	return results


@pytest.fixture
def overdue_outcome(personas):
	"""An adopted outcome of room A, assigned to the handling unit, 5 days past its due date on DAY."""
	unit = handling_unit()
	frappe.db.commit()
	name = f"OUT-CONC-{frappe.generate_hash(length=6)}"
	frappe.get_doc(
		{
			"doctype": OUTCOME,
			"name": name,
			"title": "并发逾期提醒测试",
			"outcome_type": "Consultation Suggestion",
			"meeting": "MTG-CONC",
			"topic": "TOPIC-CONC",
			"room": ROOM_A,
			"content": "两个调度器同时运行",
			"workflow_state": Outcome.ADOPTED,
			"handling_unit": unit.name,
			"due_date": add_days(DAY, -5),
		}
	).db_insert()
	frappe.db.commit()
	yield name
	frappe.db.rollback()
	for doctype, field in (("ToDo", "reference_name"), ("Email Queue", "reference_name")):
		frappe.db.delete(doctype, {field: name})
	frappe.db.delete(OUTCOME, {"name": name})
	frappe.db.commit()


def test_two_overdue_jobs_at_once_remind_once(overdue_outcome):
	first, second = run_twice_at_once(flag_overdue_outcomes, DAY)
	assert sorted(first + second).count(overdue_outcome) == 1  # flagged by exactly one of the runs
	assert str(frappe.db.get_value(OUTCOME, overdue_outcome, "last_overdue_notice_on")) == str(DAY)
	todos = frappe.get_all(
		"ToDo",
		filters={"reference_type": OUTCOME, "reference_name": overdue_outcome, "status": "Open"},
		pluck="allocated_to",
	)
	assert sorted(todos) == sorted({email("unit"), email("secretary_a")})  # one each, no duplicate
	queued = frappe.get_all(
		"Email Queue", filters={"reference_doctype": OUTCOME, "reference_name": overdue_outcome}, pluck="name"
	)
	assert len(queued) <= 1  # one overdue email (none on a site without an outgoing account)


@pytest.fixture
def reminder_day(personas):
	"""The day the quarter's collection reminder is due (Settings), with the rooms' marks restored after."""
	s = get_settings()
	year, quarter = 2031, 2
	deadline = rules.collection_deadline(year, quarter, s.collection_deadline_day)
	marks = dict(
		frappe.get_all("Consultation Room", fields=["name", "collection_reminded_for"], as_list=True)
	)
	queued_before = set(
		frappe.get_all("Email Queue", {"reference_doctype": "Consultation Room"}, pluck="name")
	)
	yield getdate(add_days(deadline, -(s.reminder_days or 0))), deadline
	frappe.db.rollback()
	for room, mark in marks.items():
		frappe.db.set_value("Consultation Room", room, "collection_reminded_for", mark, update_modified=False)
	for name in set(frappe.get_all("Email Queue", {"reference_doctype": "Consultation Room"}, pluck="name")):
		if name not in queued_before:
			frappe.delete_doc("Email Queue", name, ignore_permissions=True, force=True)
	frappe.db.commit()


def test_two_collection_reminders_at_once_remind_each_room_once(reminder_day):
	day, deadline = reminder_day
	first, second = run_twice_at_once(remind_collection_deadline, day)
	assert ROOM_A in first + second  # room A has a secretary: it is reminded ...
	assert not set(first) & set(second)  # ... by one of the runs, and no room by both
	assert getdate(frappe.db.get_value("Consultation Room", ROOM_A, "collection_reminded_for")) == deadline
