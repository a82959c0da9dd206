"""Unit tier: pure functions of the domain rules. Importing frappe here is an error, whatever python runs
the tier (the bench's, which has frappe, or the repo's .venv, which has not)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # helper modules of this directory, by name
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the app package (its pure modules)


class _NoFrappe:
	"""Meta path finder refusing `frappe` and its submodules."""

	def find_spec(self, name, path=None, target=None):
		if name == "frappe" or name.startswith("frappe."):
			raise ImportError(
				f"unit tests must not import {name}: put Frappe-dependent tests in tests/integration"
			)
		return None


if any(m == "frappe" or m.startswith("frappe.") for m in sys.modules):
	pytest.exit("frappe was imported before the unit tier started", returncode=3)
sys.meta_path.insert(0, _NoFrappe())
