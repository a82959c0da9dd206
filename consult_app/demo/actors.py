"""How the demo acts: as the persona who takes each step, through the paths users take, and loudly.

Every change is made as a demo user through the document's own methods or the workflow
(frappe.model.workflow.apply_workflow, as the Desk's action buttons do). A step that fails stops the demo
with a DemoStepError naming the step; `Log` counts what was made and what was already there.
"""

from __future__ import annotations

from contextlib import contextmanager

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow

from consult_app.demo.data import USERS
from consult_app.exceptions import DemoStepError


def email(key: str) -> str:
	return USERS[key][0]


@contextmanager
def as_user(key: str | None):
	"""Act as the demo user `key` (None: a visitor, Guest), then as Administrator again."""
	frappe.set_user(email(key) if key else "Guest")
	try:
		yield
	finally:
		frappe.set_user("Administrator")


def fresh(doc):
	"""The stored document: act on a fresh copy, never on one the workflow's email has rendered."""
	return frappe.get_doc(doc.doctype, doc.name)


def act(doc, action: str, key: str):
	"""Take a workflow action as the demo user `key`."""
	with as_user(key):
		return apply_workflow(fresh(doc), action)


def edit(doc, key: str, **values):
	"""Change fields and save, as the user's Save on the form."""
	with as_user(key):
		doc = fresh(doc)
		doc.update(values)
		doc.save()
		return doc


def insert(key: str, values: dict):
	"""Create a record as the demo user `key`, as the form's first Save."""
	with as_user(key):
		return frappe.get_doc(values).insert()


class Log:
	"""What the load made and what it found already there, by DocType (and workflow steps taken)."""

	def __init__(self):
		self.made: dict[str, int] = {}
		self.kept: dict[str, int] = {}

	def new(self, what: str):
		self.made[what] = self.made.get(what, 0) + 1

	def existing(self, what: str):
		self.kept[what] = self.kept.get(what, 0) + 1


@contextmanager
def step(name: str):
	"""One step of the demo's story. A failure stops the demo: DemoStepError names the step and the reason
	(the whole load is one transaction, so nothing of a failed load is kept)."""
	try:
		yield
	except DemoStepError:
		raise
	except Exception as e:
		frappe.set_user("Administrator")
		reason = frappe.utils.strip_html(str(e)) or type(e).__name__
		raise DemoStepError(
			_("The demo stopped at the step {0}: {1} ({2})").format(name, reason, type(e).__name__)
		) from e
