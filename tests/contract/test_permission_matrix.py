"""docs/permissions.md shows exactly the DocPerms the app ships."""

from pathlib import Path

from permission_matrix import matrix_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"


def test_the_documented_matrix_is_the_shipped_one():
	text = DOC.read_text()
	start, end = text.index("<!-- matrix:start -->"), text.index("<!-- matrix:end -->")
	documented = text[start + len("<!-- matrix:start -->") : end].strip()
	assert documented == matrix_markdown().strip(), (
		"docs/permissions.md is out of date: run `python tests/contract/permission_matrix.py` and paste the table"
	)
