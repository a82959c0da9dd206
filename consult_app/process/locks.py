"""Counting rules that hold when users act at the same moment.

A rule that counts (a quarter's quotas, filing numbers, one reminder per deadline) is a check-then-act
race unless what is counted is locked first. `lock_row` takes a row lock (SELECT ... FOR UPDATE) that the
competing request waits for until the first one commits; `count_locked` then counts with a locking read,
which sees what the first request committed (a plain read would see the transaction's older snapshot
under MariaDB's REPEATABLE READ).
"""

from __future__ import annotations

import frappe
from frappe.query_builder.functions import Count


def lock_row(doctype: str, name: str) -> None:
	"""Lock one record's row until the end of the transaction."""
	frappe.db.sql(f"select `name` from `tab{doctype}` where `name` = %s for update", (name,))


def count_locked(doctype: str, filters: dict) -> int:
	"""Count the records matching `filters`, reading the latest committed rows (LOCK IN SHARE MODE)."""
	query = frappe.qb.get_query(doctype, filters=filters, fields=[Count("*")])
	return frappe.db.sql(f"{query.get_sql()} lock in share mode")[0][0]
