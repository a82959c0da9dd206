// Copyright (c) 2026, consult_app developers and contributors
// For license information, please see license.txt

// Consultation meetings in the calendar, by date and room.
frappe.views.calendar["Consultation Meeting"] = {
	field_map: {
		start: "start",
		end: "end",
		id: "name",
		title: "meeting_title",
	},
	filters: [
		{
			fieldtype: "Link",
			fieldname: "room",
			options: "Consultation Room",
			label: __("Room"),
		},
	],
	get_events_method: "frappe.desk.calendar.get_events",
};
