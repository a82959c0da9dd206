"""iCalendar (RFC 5545) files: the meeting invitation attached to a notice, for the participants' calendars.

Pure: no Frappe; the meeting controller passes plain values.
"""

from __future__ import annotations

import datetime as _dt

from consult_app.rules import as_datetime as _as_datetime
from consult_app.rules import plain_text


def _ics_text(value) -> str:
	"""RFC 5545 3.3.11 TEXT, without markup (typed values: a calendar shows text)."""
	text = plain_text(value)
	for old, new in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\r\n", "\\n"), ("\n", "\\n")):
		text = text.replace(old, new)
	return text


def _ics_fold(line: str) -> list[str]:
	"""RFC 5545 3.1: lines longer than 75 octets are folded (continuation lines start with a space)."""
	out, current = [], ""
	for ch in line:
		limit = 75 if not out else 74
		if len((current + ch).encode("utf-8")) > limit:
			out.append(current)
			current = ch
		else:
			current += ch
	out.append(current)
	return [out[0]] + [" " + part for part in out[1:]]


def _ics_time(value) -> str:
	return _as_datetime(value).strftime("%Y%m%dT%H%M%S")


def ics_event(
	uid: str,
	title: str,
	start,
	end=None,
	location: str | None = None,
	description: str | None = None,
	url: str | None = None,
	stamp=None,
	tzid: str | None = None,
	hours_if_no_end: int = 2,
) -> str:
	"""An iCalendar (RFC 5545) file with one event: the meeting, for the participants' calendars.
	Times are local times of `tzid` (the site's time zone) or floating when none is given."""
	start_dt = _as_datetime(start)
	end_dt = _as_datetime(end) or start_dt + _dt.timedelta(hours=hours_if_no_end)
	tz = f";TZID={tzid}" if tzid else ""
	lines = [
		"BEGIN:VCALENDAR",
		"VERSION:2.0",
		"PRODID:-//consult_app//Consultation Meeting//ZH",
		"CALSCALE:GREGORIAN",
		"METHOD:PUBLISH",
		"BEGIN:VEVENT",
		f"UID:{_ics_text(uid)}",
		f"DTSTAMP:{_ics_time(stamp or _dt.datetime.utcnow())}Z",
		f"DTSTART{tz}:{_ics_time(start_dt)}",
		f"DTEND{tz}:{_ics_time(end_dt)}",
		f"SUMMARY:{_ics_text(title)}",
	]
	if location:
		lines.append(f"LOCATION:{_ics_text(location)}")
	if description:
		lines.append(f"DESCRIPTION:{_ics_text(description)}")
	if url:
		lines.append(f"URL:{_ics_text(url)}")
	lines += ["END:VEVENT", "END:VCALENDAR"]
	return "\r\n".join(folded for line in lines for folded in _ics_fold(line)) + "\r\n"
