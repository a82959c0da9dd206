// Annual Consultation Statistics 年度协商统计 (consult_app/consultation/report/annual_consultation_statistics)
frappe.query_reports["Annual Consultation Statistics"] = {
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
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: ["Room", "Level", "Quarter", "Subject Category"],
			default: "Room",
		},
	],
};
