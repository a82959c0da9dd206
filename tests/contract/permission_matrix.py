"""The permission matrix of docs/permissions.md, computed from the DocPerms the app ships.

`python tests/contract/permission_matrix.py` prints the table; test_permission_matrix.py checks that the
document shows exactly what the DocType JSON grants.
"""

import json
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "consult_app"
ROLES = [
	"Consultation Manager",
	"Room Secretary",
	"Convener",
	"Party Reviewer",
	"CPPCC Member",
	"Handling Unit",
]
RIGHTS = [
	("read", "r"),
	("write", "w"),
	("create", "c"),
	("delete", "d"),
	("submit", "s"),
	("cancel", "x"),
	("amend", "a"),
	("print", "p"),
	("export", "e"),
	("report", "R"),
]


def doctypes():
	for path in sorted(APP.glob("consultation/doctype/*/*.json")):
		dt = json.loads(path.read_text())
		if not dt.get("istable"):
			yield dt


def cell(perms, role, level=0):
	rows = [p for p in perms if p["role"] == role and p.get("permlevel", 0) == level]
	letters = "".join(code for right, code in RIGHTS if any(p.get(right) for p in rows))
	return letters or "–"


def matrix_markdown() -> str:
	lines = ["| DocType | " + " | ".join(ROLES) + " | Guest |", "|---" * (len(ROLES) + 2) + "|"]
	for dt in doctypes():
		lines.append(f"| {dt['name']} | " + " | ".join(cell(dt["permissions"], r) for r in ROLES) + " | – |")
	lines.append("")
	lines.append("Field levels (permlevel > 0):")
	lines.append("")
	lines.append("| DocType | level | fields | " + " | ".join(ROLES) + " |")
	lines.append("|---" * (len(ROLES) + 3) + "|")
	for dt in doctypes():
		levels = sorted({p.get("permlevel", 0) for p in dt["permissions"]} - {0})
		for level in levels:
			fields = ", ".join(f["fieldname"] for f in dt["fields"] if f.get("permlevel", 0) == level)
			lines.append(
				f"| {dt['name']} | {level} | {fields} | "
				+ " | ".join(cell(dt["permissions"], r, level) for r in ROLES)
				+ " |"
			)
	return "\n".join(lines)


if __name__ == "__main__":
	print(matrix_markdown())
