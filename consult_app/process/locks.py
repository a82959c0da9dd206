"""Counting rules that hold when users act at the same moment.

A rule that counts (a quarter's quotas) is a check-then-act race unless it is serialized. `lock_row` takes a
row lock (SELECT ... FOR UPDATE) that a competing request waits for until the first one commits.
`count_latest` then counts the records as they stand now, not as the transaction's snapshot shows them (a
plain read sees the snapshot taken at the transaction's first read, before the competitor committed, under
MariaDB's REPEATABLE READ): a locking read, which sees the latest committed rows, SKIP LOCKED so that it
never waits for rows other requests hold (they hold their own document's row while they wait for the room:
waiting for them would deadlock); a row skipped that way counts as this transaction saw it.
"""

from __future__ import annotations

import frappe


def lock_row(doctype: str, name: str) -> None:
	"""Lock one record's row until the end of the transaction."""
	frappe.db.sql(f"select `name` from `tab{doctype}` where `name` = %s for update", (name,))


def count_latest(doctype: str, scope: dict, field: str, values, exclude: str | None = None) -> int:
	"""How many records of `scope` (filters) have `field` in `values` now, leaving out `exclude`."""
	query = frappe.qb.get_query(doctype, filters=scope, fields=["name", field]).get_sql()
	latest = dict(frappe.db.sql(f"{query} lock in share mode skip locked"))
	seen = dict(frappe.db.sql(query))
	current = {**{n: v for n, v in seen.items() if n not in latest}, **latest}
	return sum(1 for name, value in current.items() if value in values and name != exclude)
