// Member Participation Score 委员履职积分 (consult_app/consultation/report/member_participation_score)
// Each count opens the list of the records behind it, filtered as the report counted them.
const YEAR_RANGE = (year) => ["between", [`${year}-01-01`, `${year}-12-31`]];
const DRILL = {
	topics_proposed: (row) => ["Consultation Topic", { proposer: row.participant, year: row.year }],
	research_joined: (row) => [
		"Consultation Research",
		{ "Consultation Research Member.participant": row.participant, start_date: YEAR_RANGE(row.year) },
	],
	meetings_attended: (row) => [
		"Consultation Meeting",
		{
			"Consultation Meeting Participant.participant": row.participant,
			"Consultation Meeting Participant.attendance": "Present",
			docstatus: 1,
			start: YEAR_RANGE(row.year),
		},
	],
	opinions_given: (row) => [
		"Consultation Meeting",
		{ "Consultation Opinion.speaker": row.participant, docstatus: 1, start: YEAR_RANGE(row.year) },
	],
	evaluations_made: (row) => ["Consultation Outcome", { evaluated_by: row.user }],
};

frappe.query_reports["Member Participation Score"] = {
	filters: [
		{
			fieldname: "year",
			label: __("Year"),
			fieldtype: "Int",
			default: new Date().getFullYear(),
		},
		{ fieldname: "room", label: __("Room"), fieldtype: "Link", options: "Consultation Room" },
		{
			fieldname: "category",
			label: __("Participant Category"),
			fieldtype: "Select",
			options: [
				"",
				"CPPCC Members",
				"City CPPCC Member",
				"County CPPCC Member",
				"Stakeholder Representative",
				"Township or Department Leader",
				"Village, Community or Enterprise Head",
				"Expert",
				"Party Member Representative",
				"Resident Representative",
				"People's Congress Deputy",
				"Other",
			],
			default: "CPPCC Members",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		const drill = DRILL[column.fieldname];
		if (drill && data && data[column.fieldname] > 0) {
			const [doctype, filters] = drill(data);
			const args = encodeURIComponent(JSON.stringify(filters));
			value = `<a class="consult-drill" data-doctype="${doctype}" data-filters="${args}">${value}</a>`;
		}
		return value;
	},
	onload() {
		$(document).off("click.consult").on("click.consult", "a.consult-drill", (e) => {
			e.preventDefault();
			const el = e.currentTarget;
			frappe.route_options = JSON.parse(decodeURIComponent(el.dataset.filters));
			frappe.set_route("List", el.dataset.doctype);
		});
	},
};
