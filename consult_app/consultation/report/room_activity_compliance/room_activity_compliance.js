// Room Activity Compliance 议事室活动达标与排名 (consult_app/consultation/report/room_activity_compliance)
frappe.query_reports["Room Activity Compliance"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
		},
		{
			fieldname: "level",
			label: __("Level"),
			fieldtype: "Select",
			options: ["", "Town/Street", "Village/Community", "Enterprise/Institution", "Park", "County"],
		},
		{ fieldname: "room", label: __("Room"), fieldtype: "Link", options: "Consultation Room" },
		{ fieldname: "below_minimum_only", label: __("Below Minimum Only"), fieldtype: "Check" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "compliance" && data && data.shortfall > 0) {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
