"""The room's collection poster (议事室征集海报): a QR code that opens the web form 我要出题 with the room chosen.

Experience Reports, report 8: QR codes on mobile notice boards (二维码 移动宣传栏) where residents pass. Jinja
methods of the print format "Room Collection Poster" (hooks.jinja); the QR code is drawn with pyqrcode, which
Frappe already depends on (two-factor login), as an inline PNG: no service, nothing fetched by wkhtmltopdf.
"""

from __future__ import annotations

import base64
import io
from urllib.parse import urlencode

import frappe
import pyqrcode
from PIL import Image

WEB_FORM_ROUTE = "propose-topic"


def propose_topic_url(room: str) -> str:
	"""The web form's new-topic page with the room chosen: the form presets a field from the query string."""
	return frappe.utils.get_url(f"/{WEB_FORM_ROUTE}/new?{urlencode({'room': room})}")


def qr_code_data_uri(text: str, scale: int = 8, quiet_zone: int = 4) -> str:
	"""`text` as a QR code (error correction M), a PNG data URI for an <img> in a print format."""
	matrix = pyqrcode.create(text, error="M", encoding="utf-8").code
	size = len(matrix) + 2 * quiet_zone
	image = Image.new("1", (size, size), 1)
	for y, row in enumerate(matrix):
		for x, dark in enumerate(row):
			if dark:
				image.putpixel((x + quiet_zone, y + quiet_zone), 0)
	image = image.resize((size * scale, size * scale), Image.NEAREST)
	out = io.BytesIO()
	image.save(out, format="PNG")
	return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()
