"""The room's collection poster (议事室征集海报): an A4 PDF with the room's name, how to propose a topic and a QR
code that opens the web form 我要出题 with the room chosen (Experience Reports, report 8: QR codes on mobile
notice boards). The QR code is read back from the rendered page with zbar, as a phone would read it."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import frappe
import harness
import pytest
from factory import ROOM_A, ROOM_B

POSTER = "Room Collection Poster"
FORM_ROUTE = "/propose-topic/new"  # the web form's page for a new topic


def render(room: str) -> bytes:
	frappe.local.lang = "zh"
	frappe.local.lang_full_dict = None
	return frappe.get_print("Consultation Room", room, POSTER, as_pdf=True)


def pdf_text(pdf: bytes) -> str:
	out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True)
	return out.stdout.decode("utf-8").replace(" ", "")


def qr_codes(pdf: bytes) -> list[str]:
	"""The QR codes on the poster's pages, decoded from the rendered page images."""
	assert shutil.which("zbarimg"), "zbarimg missing: apt-get install zbar-tools (scripts/setup installs it)"
	with tempfile.TemporaryDirectory() as tmp:
		path = Path(tmp) / "poster.pdf"
		path.write_bytes(pdf)
		subprocess.run(["pdftoppm", "-r", "150", "-png", str(path), str(Path(tmp) / "page")], check=True)
		pages = sorted(str(p) for p in Path(tmp).glob("page*.png"))
		assert pages
		out = subprocess.run(["zbarimg", "--raw", "-q", *pages], capture_output=True, text=True)
	return [line for line in out.stdout.splitlines() if line]


@pytest.mark.parametrize("room", [ROOM_A, ROOM_B])
def test_the_poster_has_the_rooms_name_and_a_qr_code_opening_the_form_with_the_room(personas, room):
	pdf = render(room)
	assert pdf.startswith(b"%PDF")
	harness.RESULTS_DIR.mkdir(exist_ok=True)
	(harness.RESULTS_DIR / f"poster-{room}.pdf").write_bytes(pdf)  # kept for a look

	text = pdf_text(pdf)
	assert room in text
	assert "如何提出议题" in text and "手机扫码" in text, text

	[url] = qr_codes(pdf)
	parsed = urlparse(url)
	site = urlparse(frappe.utils.get_url())
	assert (parsed.scheme, parsed.netloc, parsed.path) == (site.scheme, site.netloc, FORM_ROUTE), url
	assert parse_qs(parsed.query) == {"room": [room]}, url


def test_the_form_page_the_qr_code_opens_answers_a_guest_with_the_room_field(personas, live_server, sessions):
	"""The page answers a phone without login and is the form itself, not a redirect that drops the room
	(the browser tier checks that the form shows the room chosen)."""
	from urllib.parse import quote

	r = sessions[None].get(f"{live_server}{FORM_ROUTE}?room={quote(ROOM_A)}", timeout=60)
	assert r.status_code == 200
	assert urlparse(r.url).path == FORM_ROUTE and parse_qs(urlparse(r.url).query) == {"room": [ROOM_A]}
	assert 'data-fieldname="room"' in r.text or '"fieldname": "room"' in r.text
