"""Driving the Desk's forms in Playwright as a user does: open a form and a tab, a child table's row form,
choose a Link suggestion, save. Each waits for what Frappe renders, never for a fixed time."""


def open_form(page, doctype: str, name: str):
	page.evaluate("([dt, name]) => frappe.set_route('Form', dt, name)", [doctype, name])
	page.wait_for_function(
		"([dt, name]) => window.cur_frm && cur_frm.doctype === dt && cur_frm.docname === name"
		" && !cur_frm.is_new() && cur_frm.fields_dict",
		arg=[doctype, name],
	)
	page.locator(".form-layout:visible").first.wait_for()


def open_tab(page, fieldname: str):
	page.locator(f'.form-tabs .nav-link[data-fieldname="{fieldname}"]:visible').first.click()


def grid_row_form(page, table: str, idx: int):
	"""Opens row `idx` of the child table `table` in its row form (the editing form phones get); returns it."""
	row = page.locator(f'.frappe-control[data-fieldname="{table}"] .grid-row[data-idx="{idx}"]').first
	row.scroll_into_view_if_needed()
	# the row's edit button sits at the right end of the grid, which a phone shows by swiping the grid
	# sideways (Frappe moves it on touchmove); the tap on the button is dispatched where it is
	row.locator(".btn-open-row").first.dispatch_event("click")
	form = page.locator(".grid-row-open").first
	form.wait_for()
	return form


def close_row_form(page):
	page.locator(".grid-row-open .grid-collapse-row").first.click()
	page.locator(".grid-row-open").wait_for(state="detached")


def pick_link(form, fieldname: str, text: str):
	"""Types into a Link field and chooses the suggestion, as a user does."""
	field = form.locator(f'[data-fieldname="{fieldname}"] input').first
	field.fill(text)
	page = form.page if hasattr(form, "page") else form
	option = page.locator(
		'[role="listbox"] [role="option"]:visible, [role="listbox"] li:visible', has_text=text
	).first
	option.wait_for()
	option.click()


def save(page):
	page.locator(".page-head .primary-action:visible").first.click()
	page.wait_for_function("() => cur_frm && !cur_frm.is_dirty() && !cur_frm.save_disabled", timeout=30_000)
	page.wait_for_function("() => !document.querySelector('.modal.show .msgprint')", timeout=5_000)
