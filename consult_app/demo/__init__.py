"""Demo data drawn from the seed work plans (shared/seeds/): `bench --site SITE execute consult_app.demo.load`.

Rooms of 高笋塘街道 (seed 000, Wanzhou), 大城街道 (seed 004, with its council "1+7+X"), 海安 闸东社区 (seed 001)
and a 盐城 park room (seed 003); users for every role; participants accepted by the party organisation; the
annual plan of 高笋塘街道 approved; topics in several workflow states, each moved through the topic workflow
by the user whose role takes that step (frappe.model.workflow.apply_workflow, as the Desk's buttons do).

Idempotent: every record is looked up first and only what is missing is made; topics already made are only
moved on to their target state. Research, a meeting and outcomes are attempted last: each stage runs in a
savepoint and a refusal there (rules still being added) is reported, not fatal. Emails are muted.
"""

from __future__ import annotations

import datetime as _dt

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, get_datetime, getdate, today

from consult_app.process.states import Outcome, Plan, Topic
from consult_app.rules import CLASS_A, EXCLUSION_FIELDS

DEMO_PASSWORD = "Demo-Consult-2026"

# key -> (email, full name, roles)
USERS = {
	"manager": ("manager@demo.consult", "王晓红", ["Consultation Manager"]),
	"sec_gst": ("lijing@demo.consult", "李静", ["Room Secretary"]),
	"sec_dc": ("sunli@demo.consult", "孙丽", ["Room Secretary"]),
	"sec_zd": ("zhaomin@demo.consult", "赵敏", ["Room Secretary"]),
	"sec_yc": ("zhoujie@demo.consult", "周洁", ["Room Secretary"]),
	"reviewer": ("chenjianguo@demo.consult", "陈建国", ["Party Reviewer"]),
	# 双召集人 (seed 002): a party deputy secretary and a CPPCC member
	"convener1": ("liuzhiqiang@demo.consult", "刘志强", ["Convener", "Party Reviewer"]),
	"convener2": ("huanghaiyan@demo.consult", "黄海燕", ["Convener", "CPPCC Member"]),
	"member1": ("wuwenbo@demo.consult", "吴文博", ["CPPCC Member"]),
	"member2": ("zhengyaqin@demo.consult", "郑雅琴", ["CPPCC Member"]),
	"unit": ("hejianhua@demo.consult", "何建华", ["Handling Unit"]),
}

R_GST = "高笋塘街道协商议事室"
R_DC = "大城街道协商议事室"
R_ZD = "闸东社区协商议事室"
R_YC = "盐城经济技术开发区协商议事室"

ROOMS = [
	{
		"room_name": R_GST,
		"level": "Town/Street",
		"host_organisation": "中共万州区高笋塘街道工作委员会",
		"county_cppcc": "政协重庆市万州区委员会",
		"address": "重庆市万州区高笋塘街道便民服务中心二楼",
		"secretary": "sec_gst",
		"six_haves": 1,
	},
	{
		"room_name": R_DC,
		"level": "Town/Street",
		"host_organisation": "中共天水市秦州区大城街道工作委员会",
		"county_cppcc": "政协天水市秦州区委员会",
		"address": "甘肃省天水市秦州区大城街道党群服务中心",
		"secretary": "sec_dc",
		"six_haves": 1,
	},
	{
		"room_name": R_ZD,
		"level": "Village/Community",
		"host_organisation": "中共海安高新区闸东社区委员会",
		"county_cppcc": "政协海安市委员会",
		"address": "江苏省海安市高新区闸东社区党群服务中心",
		"secretary": "sec_zd",
		"six_haves": 0,
	},
	{
		"room_name": R_YC,
		"level": "Park",
		"host_organisation": "中共盐城经济技术开发区工作委员会",
		"county_cppcc": "政协盐城市委员会",
		"address": "江苏省盐城市经济技术开发区管委会",
		"secretary": "sec_yc",
		"six_haves": 0,
	},
]

EXPERTISE = {
	"城市规划": "旧城改造、公共空间与社区规划",
	"建筑工程": "既有建筑改造、结构安全评估（如加装电梯）",
	"法律服务": "政策法规解读、矛盾纠纷调解",
	"物业管理": "老旧小区物业、维修资金使用",
	"养老服务": "居家养老、社区助餐与照护",
	"环境卫生": "垃圾分类、全域无垃圾治理",
	"交通管理": "停车治理、道路交通组织",
}

ACCEPTED_BY = {
	R_GST: "中共万州区高笋塘街道工作委员会",
	R_DC: "中共天水市秦州区大城街道工作委员会",
	R_ZD: "中共海安高新区闸东社区委员会",
	R_YC: "中共盐城经济技术开发区工作委员会",
}

# (full name, category, room, sector, organisation, position, is_cadre, expertise, user key, accepted)
PARTICIPANTS = [
	(
		"刘志强",
		"Township or Department Leader",
		R_GST,
		"中共",
		"高笋塘街道党工委",
		"党工委副书记",
		1,
		[],
		"convener1",
		1,
	),
	(
		"黄海燕",
		"County CPPCC Member",
		R_GST,
		"经济界",
		"万州区工商联",
		"区政协委员",
		0,
		["城市规划"],
		"convener2",
		1,
	),
	(
		"吴文博",
		"County CPPCC Member",
		R_GST,
		"教育界",
		"万州区第二中学",
		"区政协委员",
		0,
		["法律服务"],
		"member1",
		1,
	),
	(
		"郑雅琴",
		"City CPPCC Member",
		R_GST,
		"医药卫生界",
		"万州区人民医院",
		"市政协委员",
		0,
		["养老服务"],
		"member2",
		1,
	),
	("马国庆", "Stakeholder Representative", R_GST, "", "白岩路小区", "加装电梯意愿住户代表", 0, [], None, 1),
	("唐秀兰", "Resident Representative", R_GST, "", "高笋塘社区", "楼栋长", 0, [], None, 1),
	(
		"冯志远",
		"Expert",
		R_GST,
		"科技界",
		"万州区建筑设计院",
		"高级工程师",
		0,
		["建筑工程", "城市规划"],
		None,
		1,
	),
	(
		"谢文华",
		"Village, Community or Enterprise Head",
		R_GST,
		"",
		"高笋塘社区",
		"社区党委书记",
		1,
		[],
		None,
		1,
	),
	(
		"韩立新",
		"People's Congress Deputy",
		R_GST,
		"",
		"万州区人大代表",
		"区人大代表",
		0,
		["交通管理"],
		None,
		1,
	),
	("杨春梅", "Party Member Representative", R_GST, "", "高笋塘社区第三党支部", "党员代表", 0, [], None, 1),
	("曹永和", "Other", R_GST, "", "万州宏达物业公司", "项目经理", 0, ["物业管理"], None, 1),
	(
		"邓丽娟",
		"Resident Representative",
		R_GST,
		"",
		"高笋塘社区",
		"居民",
		0,
		[],
		None,
		0,
	),  # awaiting acceptance
	(
		"许国平",
		"Village, Community or Enterprise Head",
		R_ZD,
		"",
		"闸东社区居委会",
		"居委会主任",
		1,
		[],
		None,
		1,
	),
	("蒋海霞", "Resident Representative", R_ZD, "", "闸东社区", "居民代表", 0, ["环境卫生"], None, 1),
	("沈立军", "Township or Department Leader", R_YC, "", "开发区管委会", "社会事业局局长", 1, [], None, 1),
	("彭晓东", "Stakeholder Representative", R_YC, "", "园区企业", "职工代表", 0, ["交通管理"], None, 1),
]

# 大城街道's council, "1+7+X" (seed 004): 20 fixed members, cadres at most half.
COUNCIL_DC = [
	("何立平", "Village, Community or Enterprise Head", "街道党工委委员", 1),
	("罗建华", "Township or Department Leader", "街道办事处副主任", 1),
	("高玉梅", "Village, Community or Enterprise Head", "澄源社区党委书记", 1),
	("林国栋", "Village, Community or Enterprise Head", "环城社区主任", 1),
	("郭建平", "Township or Department Leader", "派出所副所长", 1),
	("梁淑芬", "Village, Community or Enterprise Head", "双桥社区主任", 1),
	("宋文斌", "County CPPCC Member", "区政协委员", 0),
	("胡晓燕", "County CPPCC Member", "区政协委员", 0),
	("朱永强", "People's Congress Deputy", "区人大代表", 0),
	("叶春兰", "Party Member Representative", "党员代表", 0),
	("潘志明", "Stakeholder Representative", "商户代表", 0),
	("董桂芳", "Resident Representative", "居民代表", 0),
	("袁德胜", "Resident Representative", "居民代表", 0),
	("蔡丽华", "Resident Representative", "居民代表", 0),
	("田振宇", "Expert", "律师", 0),
	("姜红霞", "Other", "社会组织负责人", 0),
	("魏长青", "Resident Representative", "退休教师", 0),
	("薛秀英", "Resident Representative", "居民代表", 0),
	("范建新", "Stakeholder Representative", "辖区单位代表", 0),
	("陆晓峰", "Other", "志愿者队长", 0),
]

HANDLING_UNITS = [
	("万州区住房和城乡建设委员会", "何建华", "023-58000001", ["unit"]),
	("高笋塘街道城市管理办公室", "邹明", "023-58000002", []),
	("万州区公安局交通巡逻警察支队", "石磊", "023-58000003", []),
]

EXCLUSION_ALL_NO = {f: "No" for f in EXCLUSION_FIELDS}

# Topic workflow: state -> (action to the next state on the main path, who takes it)
TOPIC_PATH = [
	Topic.DRAFT,
	Topic.SUBMITTED,
	Topic.SHORTLISTED,
	Topic.APPROVED,
	Topic.TEMPORARY_APPROVED,
	Topic.PUBLICIZED,
	Topic.RESEARCHING,
	Topic.READY,
	Topic.CONSULTED,
	Topic.CONCLUDED,
]

# (the machine's date, not the site's: importing the demo needs no site)
QUARTER_NOW = f"Q{(_dt.date.today().month - 1) // 3 + 1}"
YEAR_NOW = _dt.date.today().year
HISTORY_TITLE = "楼道堆物与消防通道整治"
# the quarter before this one (in Q1: Q2, so as to stay in this year's plan and quarterly limits)
HISTORY_QUARTER = f"Q{int(QUARTER_NOW[1]) - 1}" if QUARTER_NOW != "Q1" else "Q2"


def topic_specs(public_call: str | None) -> list[dict]:
	"""The demo topics: (fields, target state, who creates, in the annual plan)."""
	desc = {
		"老旧小区加装电梯": "白岩路片区老旧住宅多为六至七层，无电梯，老年住户上下楼困难，居民希望协商加装电梯的意愿征集、费用分摊和低层住户补偿办法。",
		"背街小巷停车难": "辖区背街小巷车辆乱停乱放，占用消防通道，早晚高峰拥堵，需协商错时共享停车、划设停车位等办法。",
		"垃圾分类投放点设置": "部分小区垃圾分类投放点设置不合理，异味扰民，需协商投放点位置、定时定点投放和督导员安排。",
		"社区居家养老服务站建设": "社区老年人口占比高，助餐、照护需求大，建议利用闲置用房建设居家养老服务站。",
		"农贸市场周边占道经营": "农贸市场周边流动摊贩占道经营，影响通行和环境卫生，需协商疏导点设置和管理办法。",
		"邻里漏水纠纷赔偿": "某楼上住户卫生间漏水导致楼下住户房屋受损，双方就赔偿金额发生争执，要求议事室协商解决。",
		"小区新能源汽车充电桩安装": "闸东社区多个小区居民购买新能源汽车，但小区内无公共充电设施，飞线充电存在安全隐患。",
		"背街小巷路灯照明改造": "辖区部分背街小巷路灯损坏、照明不足，居民夜间出行不便，存在安全隐患。",
		"全域无垃圾治理长效机制": "落实全域无垃圾治理要求，协商建立辖区单位、商户、居民共同参与的长效保洁机制。",
		"园区职工通勤公交线路优化": "园区企业职工反映上下班公交班次少、换乘不便，希望协商优化通勤公交线路和班次。",
		HISTORY_TITLE: "老旧楼道堆放杂物、电动车入户充电，消防通道堵塞，存在火灾隐患，需协商清理和长效管理办法。",
	}
	common = {"subject_category": "Public Affairs of Most Residents", "focus": "Livelihood Matter"}
	specs = [
		# 高笋塘街道: the quarterly cycle of seed 000 (at most 5 shortlisted, 2 fixed a quarter)
		dict(
			title="老旧小区加装电梯",
			room=R_GST,
			source="Residents",
			proposer_name="马国庆",
			place="白岩路小区",
			target=Topic.PUBLICIZED,
			by="sec_gst",
			in_plan=True,
			**common,
		),
		dict(
			title="背街小巷停车难",
			room=R_GST,
			source="Leaders",
			proposer_name="高笋塘街道党工委",
			subject_category="Public Governance",
			focus="Governance Difficulty",
			place="高笋塘片区背街小巷",
			target=Topic.APPROVED,
			by="sec_gst",
			in_plan=True,
		),
		dict(
			title="垃圾分类投放点设置",
			room=R_GST,
			source="Members",
			proposer_name="吴文博",
			subject_category="Public Governance",
			focus="Party and Government Priority",
			target=Topic.SHORTLISTED,
			by="member1",
		),
		dict(
			title="社区居家养老服务站建设",
			room=R_GST,
			source="Members",
			proposer_name="郑雅琴",
			subject_category="Livelihood Security",
			focus="Livelihood Matter",
			target=Topic.SUBMITTED,
			by="member2",
		),
		dict(
			title="农贸市场周边占道经营",
			room=R_GST,
			source="Public Call" if public_call else "Residents",
			public_call=public_call,
			proposer_name="唐秀兰",
			subject_category="Public Governance",
			focus="Governance Difficulty",
			target=Topic.DRAFT,
			by="sec_gst",
		),
		dict(
			title="邻里漏水纠纷赔偿",
			room=R_GST,
			source="Residents",
			proposer_name="邓丽娟",
			subject_category="Pressing Difficulties and Disputes",
			target=Topic.NOT_ACCEPTED,
			by="sec_gst",
			reject={
				"ex_individual_dispute": "Yes",
				"rejection_reason": "属于“九不议”事项：个人之间的矛盾纠纷（邻里漏水赔偿），不列入协商议题；"
				"已引导当事人通过人民调解或诉讼途径解决。",
			},
		),
		# 闸东社区: no annual plan, so the approved topic is a temporary topic (seed 001)
		dict(
			title="小区新能源汽车充电桩安装",
			room=R_ZD,
			source="Residents",
			proposer_name="蒋海霞",
			target=Topic.TEMPORARY_APPROVED,
			by="sec_zd",
			**common,
		),
		# 大城街道 ("九议" 6: 道路交通整治、全域无垃圾治理、公共设施管理使用)
		dict(
			title="背街小巷路灯照明改造",
			room=R_DC,
			source="Residents",
			proposer_name="董桂芳",
			subject_category="Public Governance",
			target=Topic.SUBMITTED,
			by="sec_dc",
		),
		dict(
			title="全域无垃圾治理长效机制",
			room=R_DC,
			source="Leaders",
			proposer_name="大城街道党工委",
			subject_category="Implementing Major Decisions",
			focus="Party and Government Priority",
			target=Topic.DRAFT,
			by="sec_dc",
		),
		# 盐城经开区
		dict(
			title="园区职工通勤公交线路优化",
			room=R_YC,
			source="Proposal or Social Conditions Report",
			proposer_name="彭晓东",
			target=Topic.DRAFT,
			by="sec_yc",
			**common,
		),
	]
	for s in specs:
		s["description"] = desc[s["title"]]
	return specs


# ----------------------------------------------------------------------------------------- helpers


def email(key: str) -> str:
	return USERS[key][0]


def fresh(doc):
	"""The stored document (see tests/integration/factory.fresh: never act on a rendered object)."""
	return frappe.get_doc(doc.doctype, doc.name)


def act(doc, action: str, user_key: str):
	frappe.set_user(email(user_key))
	try:
		return apply_workflow(fresh(doc), action)
	finally:
		frappe.set_user("Administrator")


def edit(doc, user_key: str, **values):
	frappe.set_user(email(user_key))
	try:
		doc = fresh(doc)
		doc.update(values)
		doc.save()
		return doc
	finally:
		frappe.set_user("Administrator")


class Log:
	def __init__(self):
		self.made: dict[str, int] = {}
		self.kept: dict[str, int] = {}
		self.problems: list[str] = []

	def new(self, what):
		self.made[what] = self.made.get(what, 0) + 1

	def existing(self, what):
		self.kept[what] = self.kept.get(what, 0) + 1


# ------------------------------------------------------------------------------------------- masters


def ensure_users(log: Log):
	for mail, full_name, roles in USERS.values():
		if not frappe.db.exists("User", mail):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": mail,
					"first_name": full_name,
					"language": "zh",
					"send_welcome_email": 0,
					"new_password": DEMO_PASSWORD,
					"roles": [{"role": r} for r in roles],
				}
			).insert(ignore_permissions=True)
			log.new("User")
		else:
			user = frappe.get_doc("User", mail)
			missing = [r for r in roles if r not in [d.role for d in user.roles]]
			if missing:
				user.add_roles(*missing)
			log.existing("User")


def ensure_expertise(log: Log):
	for name, description in EXPERTISE.items():
		if frappe.db.exists("Consultation Expertise", name):
			log.existing("Consultation Expertise")
			continue
		frappe.get_doc(
			{"doctype": "Consultation Expertise", "expertise_name": name, "description": description}
		).insert(ignore_permissions=True)
		log.new("Consultation Expertise")


def ensure_rooms(log: Log):
	for spec in ROOMS:
		if frappe.db.exists("Consultation Room", spec["room_name"]):
			log.existing("Consultation Room")
			continue
		checks = {f: spec["six_haves"] for f in ("has_venue", "has_signage", "has_rules", "has_process")}
		checks.update(has_venue=1, has_signage=1)
		frappe.get_doc(
			{
				"doctype": "Consultation Room",
				"room_name": spec["room_name"],
				"level": spec["level"],
				"host_organisation": spec["host_organisation"],
				"county_cppcc": spec["county_cppcc"],
				"address": spec["address"],
				"secretaries": [{"user": email(spec["secretary"])}],
				**checks,
			}
		).insert(ignore_permissions=True)
		log.new("Consultation Room")


def participant(full_name: str, room: str) -> str | None:
	return frappe.db.get_value("Consultation Participant", {"full_name": full_name, "room": room})


def ensure_participant(
	log: Log,
	full_name,
	category,
	room,
	sector="",
	organisation="",
	position="",
	is_cadre=0,
	expertise=(),
	user_key=None,
	accepted=1,
) -> str:
	name = participant(full_name, room)
	if name:
		log.existing("Consultation Participant")
		return name
	user = email(user_key) if user_key else None
	doc = frappe.get_doc(
		{
			"doctype": "Consultation Participant",
			"full_name": full_name,
			"category": category,
			"room": room,
			"sector": sector,
			"organisation": organisation,
			"position": position,
			"is_cadre": is_cadre,
			"expertise": [{"expertise": e} for e in expertise],
			"user": user,
			"email": user,
			"party_accepted": accepted,
			"accepted_by": ACCEPTED_BY[room] if accepted else None,
			"accepted_on": add_days(today(), -60) if accepted else None,
			"term_start": f"{YEAR_NOW - 1}-01-01",
			"term_end": f"{YEAR_NOW + 3}-12-31",
		}
	).insert(ignore_permissions=True)
	log.new("Consultation Participant")
	return doc.name


def ensure_participants(log: Log):
	for name, category, room, sector, org, position, cadre, expertise, user_key, accepted in PARTICIPANTS:
		ensure_participant(
			log, name, category, room, sector, org, position, cadre, expertise, user_key, accepted
		)
	for name, category, position, cadre in COUNCIL_DC:
		ensure_participant(
			log, name, category, R_DC, organisation="大城街道", position=position, is_cadre=cadre
		)


def ensure_room_people():
	"""Conveners (双召集人 for 高笋塘街道) and 大城街道's council, once the participants exist."""
	gst = frappe.get_doc("Consultation Room", R_GST)
	if not gst.conveners:
		gst.append(
			"conveners", {"participant": participant("刘志强", R_GST), "convener_order": "First Convener"}
		)
		gst.append(
			"conveners", {"participant": participant("黄海燕", R_GST), "convener_order": "Second Convener"}
		)
		gst.save(ignore_permissions=True)
	zd = frappe.get_doc("Consultation Room", R_ZD)
	if not zd.conveners:
		zd.append(
			"conveners", {"participant": participant("许国平", R_ZD), "convener_order": "First Convener"}
		)
		zd.save(ignore_permissions=True)
	yc = frappe.get_doc("Consultation Room", R_YC)
	if not yc.conveners:
		yc.append(
			"conveners", {"participant": participant("沈立军", R_YC), "convener_order": "First Convener"}
		)
		yc.save(ignore_permissions=True)
	dc = frappe.get_doc("Consultation Room", R_DC)
	if not dc.conveners or not dc.council_members:
		if not dc.conveners:
			dc.append(
				"conveners", {"participant": participant("何立平", R_DC), "convener_order": "First Convener"}
			)
			dc.append(
				"conveners", {"participant": participant("宋文斌", R_DC), "convener_order": "Second Convener"}
			)
		if not dc.council_members:
			for name, _category, _position, _cadre in COUNCIL_DC:
				dc.append("council_members", {"participant": participant(name, R_DC)})
		dc.save(ignore_permissions=True)


def ensure_handling_units(log: Log):
	for unit_name, person, phone, user_keys in HANDLING_UNITS:
		if frappe.db.exists("Consultation Handling Unit", unit_name):
			log.existing("Consultation Handling Unit")
			continue
		frappe.get_doc(
			{
				"doctype": "Consultation Handling Unit",
				"unit_name": unit_name,
				"responsible_person": person,
				"contact_phone": phone,
				"users": [{"user": email(k), "full_name": USERS[k][1]} for k in user_keys],
			}
		).insert(ignore_permissions=True)
		log.new("Consultation Handling Unit")


def ensure_public_call(log: Log) -> str:
	title = f"高笋塘街道{YEAR_NOW}年第{QUARTER_NOW[1]}季度“渝事好商量”社会征题"
	name = frappe.db.get_value("Consultation Public Call", {"call_title": title})
	if name:
		log.existing("Consultation Public Call")
		return name
	frappe.set_user(email("sec_gst"))
	try:
		q = int(QUARTER_NOW[1])
		doc = frappe.get_doc(
			{
				"doctype": "Consultation Public Call",
				"call_title": title,
				"room": R_GST,
				"start_date": f"{YEAR_NOW}-{3 * q - 2:02d}-01",
				"end_date": f"{YEAR_NOW}-{3 * q - 2:02d}-15",
				"description": "面向辖区居民、商户和驻街单位征集本季度协商议题，可通过“我要出题”网上提交或到议事室现场提交。",
			}
		).insert()
	finally:
		frappe.set_user("Administrator")
	log.new("Consultation Public Call")
	return doc.name


# --------------------------------------------------------------------------------------------- topics


def ensure_topic(log: Log, spec: dict):
	name = frappe.db.get_value("Consultation Topic", {"title": spec["title"], "room": spec["room"]})
	if name:
		log.existing("Consultation Topic")
		return frappe.get_doc("Consultation Topic", name)
	fields = {
		k: v for k, v in spec.items() if k not in ("target", "by", "in_plan", "reject") and v is not None
	}
	frappe.set_user(email(spec["by"]))
	try:
		doc = frappe.get_doc({"doctype": "Consultation Topic", **fields}).insert()
	finally:
		frappe.set_user("Administrator")
	log.new("Consultation Topic")
	return doc


def secretary_of(room: str) -> str:
	return next(r["secretary"] for r in ROOMS if r["room_name"] == room)


def advance_topic(topic, target: str, reject: dict | None = None, by: str | None = None):
	"""Move the topic through the workflow up to `target`, each step by the role that takes it."""
	sec = secretary_of(topic.room)
	submitter = by if by and "CPPCC Member" in USERS[by][2] else sec
	for _ in range(len(TOPIC_PATH) + 2):
		topic = fresh(topic)
		state = topic.workflow_state
		if state == target or (target in TOPIC_PATH and TOPIC_PATH.index(state) > TOPIC_PATH.index(target)):
			return topic  # there, or already past it
		if state == Topic.NOT_ACCEPTED:
			raise RuntimeError(f"{topic.name} is Not Accepted, cannot reach {target}")
		if target == Topic.NOT_ACCEPTED and state == Topic.SUBMITTED:
			edit(topic, sec, **{**EXCLUSION_ALL_NO, **(reject or {})})
			act(topic, Topic.REJECT, "reviewer")  # the party reviewer decides
		elif state == Topic.DRAFT:
			act(topic, Topic.SUBMIT, submitter)
		elif state == Topic.SUBMITTED:
			act(topic, Topic.SHORTLIST, "member1")
		elif state == Topic.SHORTLISTED:
			edit(topic, "reviewer", **EXCLUSION_ALL_NO)  # the reviewer's exclusion check (九不议)
			act(topic, Topic.APPROVE, "reviewer")
		elif state == Topic.APPROVED:
			if topic.is_temporary:
				act(topic, Topic.APPROVE_TEMPORARY, "reviewer")
			else:
				act(topic, Topic.PUBLICIZE, sec)
		elif state == Topic.TEMPORARY_APPROVED:
			act(topic, Topic.PUBLICIZE, sec)
		elif state == Topic.PUBLICIZED:
			act(topic, Topic.START_RESEARCH, sec)
		elif state == Topic.RESEARCHING:
			act(topic, Topic.COMPLETE_RESEARCH, sec)
		elif state == Topic.READY:
			act(topic, Topic.MARK_CONSULTED, "convener1")
		elif state == Topic.CONSULTED:
			act(topic, Topic.CONCLUDE, sec)
		else:
			raise RuntimeError(f"{topic.name}: no demo step from {state}")
	raise RuntimeError(f"{topic.name} did not reach {target}")


def ensure_plan(log: Log, topics: list) -> str:
	"""The annual plan of 高笋塘街道 for this year, listing the planned topics, approved by the party reviewer."""
	rows = [
		{"quarter": "Q1", "planned_title": "社区健身设施更新维护", "topic": None},
		{"quarter": "Q2", "planned_title": "老旧管网改造施工扰民问题", "topic": None},
	]
	rows += [{"quarter": t.quarter, "planned_title": t.title, "topic": t.name} for t in topics]
	name = frappe.db.get_value("Consultation Plan", {"room": R_GST, "year": YEAR_NOW})
	if not name:
		frappe.set_user(email("sec_gst"))
		try:
			plan = frappe.get_doc(
				{"doctype": "Consultation Plan", "room": R_GST, "year": YEAR_NOW, "planned_topics": rows}
			).insert()
		finally:
			frappe.set_user("Administrator")
		log.new("Consultation Plan")
	else:
		log.existing("Consultation Plan")
		plan = frappe.get_doc("Consultation Plan", name)
		listed = {r.topic for r in plan.planned_topics}
		missing = [r for r in rows if r["topic"] and r["topic"] not in listed]
		if missing:  # topics made after the plan (e.g. a run that stopped half-way): add them
			for r in missing:
				plan.append("planned_topics", r)
			plan.save(ignore_permissions=True)
	for _ in range(3):
		plan = fresh(plan)
		if plan.workflow_state == Plan.APPROVED:
			break
		if plan.workflow_state in (None, "", Plan.DRAFT):
			act(plan, Plan.SUBMIT, "sec_gst")
		elif plan.workflow_state == Plan.SUBMITTED:
			act(plan, Plan.APPROVE, "reviewer")
	return plan.name


def load_topics(log: Log, public_call: str) -> dict:
	specs = topic_specs(public_call)
	history_spec = dict(
		title=HISTORY_TITLE,
		room=R_GST,
		source="Residents",
		proposer_name="唐秀兰",
		place="高笋塘社区老旧楼栋",
		subject_category="Public Governance",
		focus="Governance Difficulty",
		quarter=HISTORY_QUARTER,
		target=Topic.PUBLICIZED,
		by="sec_gst",
		in_plan=True,
	)
	history_spec["description"] = (
		"老旧楼道堆放杂物、电动车入户充电，消防通道堵塞，存在火灾隐患，需协商清理和长效管理办法。"
	)
	made = {s["title"]: ensure_topic(log, s) for s in specs}
	made[HISTORY_TITLE] = ensure_topic(log, history_spec)
	planned = [made[s["title"]] for s in specs if s.get("in_plan")] + [made[HISTORY_TITLE]]
	ensure_plan(log, planned)
	for s in specs:
		made[s["title"]] = advance_topic(made[s["title"]], s["target"], s.get("reject"), s["by"])
	made[HISTORY_TITLE] = publicize_history_topic(made[HISTORY_TITLE])
	return made


def publicize_history_topic(topic):
	"""The history topic: approved in an earlier quarter and posted publicly 45 days ago."""
	d = history_dates()
	if fresh(topic).workflow_state in (Topic.DRAFT, Topic.SUBMITTED, Topic.SHORTLISTED):
		topic = advance_topic(topic, Topic.APPROVED)
	if fresh(topic).workflow_state == Topic.APPROVED:
		edit(topic, "sec_gst", publicity_start=d["publicity_start"])
		act(topic, Topic.PUBLICIZE, "sec_gst")
		# the approval happened before the publicity: date it so (the workflow stamped today)
		frappe.db.set_value(
			"Consultation Topic",
			topic.name,
			{"approved_on": d["approved"], "filing_date": d["approved"]},
			update_modified=False,
		)
	return fresh(topic)


# ---------------------------------------------- research, meeting, outcomes (attempted, not required)


def stage(log: Log, name: str, fn, savepoint: str = "demo_stage"):
	"""Run `fn` in a savepoint; on failure roll back to it and report."""
	frappe.db.savepoint(savepoint)
	made = dict(log.made)
	try:
		return fn()
	except Exception as e:
		frappe.db.rollback(save_point=savepoint)
		log.made = made
		frappe.set_user("Administrator")
		frappe.local.message_log = []
		log.problems.append(f"{name}: skipped ({type(e).__name__}: {frappe.utils.strip_html(str(e))[:300]})")
		return None


def history_dates():
	"""A timeline in the past: approved, posted ≥7 days, researched, then consulted."""
	base = getdate(today())
	return {
		"approved": add_days(base, -50),
		"publicity_start": add_days(base, -45),
		"research_start": add_days(base, -40),
		"research_end": add_days(base, -30),
		"meeting": add_days(base, -25),
		"decided": add_days(base, -18),
	}


def history_topic_researched(log: Log):
	"""The history topic researched by a team of members, an expert and a resident (不调研不协商)."""
	d = history_dates()
	name = frappe.db.get_value("Consultation Topic", {"title": HISTORY_TITLE, "room": R_GST})
	topic = publicize_history_topic(frappe.get_doc("Consultation Topic", name))
	if not frappe.db.exists("Consultation Research", {"topic": topic.name}):
		team = [
			("黄海燕", "Leader"),
			("吴文博", "Team Member"),
			("冯志远", "Team Member"),
			("唐秀兰", "Team Member"),
		]
		frappe.set_user(email("sec_gst"))
		try:
			frappe.get_doc(
				{
					"doctype": "Consultation Research",
					"topic": topic.name,
					"method": "Several Methods",
					"start_date": d["research_start"],
					"end_date": d["research_end"],
					"completed": 1,
					"team": [{"participant": participant(n, R_GST), "team_role": r} for n, r in team],
					"policy_basis": "《中华人民共和国消防法》；《高层民用建筑消防安全管理规定》；重庆市电动自行车停放充电管理相关规定。",
					"facts": "走访12个老旧楼栋，其中8栋楼道堆放杂物，5栋存在电动车入户或飞线充电；小区内无集中充电设施。",
					"stakeholder_views": "多数居民支持清理楼道，希望就近设置集中充电棚；部分老年住户希望保留少量楼道储物空间。",
				}
			).insert()
			log.new("Consultation Research")
		finally:
			frappe.set_user("Administrator")
	return advance_topic(topic, Topic.READY)


def history_meeting(log: Log):
	d = history_dates()
	topic = frappe.db.get_value("Consultation Topic", {"title": HISTORY_TITLE, "room": R_GST})
	existing = frappe.db.get_value(
		"Consultation Meeting Topic", {"topic": topic, "parenttype": "Consultation Meeting"}, "parent"
	)
	if existing:
		log.existing("Consultation Meeting")
		return existing
	people = [
		("刘志强", "Department Leader"),
		("黄海燕", "CPPCC Member"),
		("吴文博", "CPPCC Member"),
		("郑雅琴", "CPPCC Member"),
		("冯志远", "Expert"),
		("谢文华", "Village or Enterprise Head"),
		("唐秀兰", "Resident"),
		("杨春梅", "Resident"),
		("曹永和", "Stakeholder"),
	]
	p = {n: participant(n, R_GST) for n, _ in people}
	frappe.set_user(email("sec_gst"))
	try:
		meeting = frappe.get_doc(
			{
				"doctype": "Consultation Meeting",
				"meeting_title": f"“渝事好商量”院坝协商会：{HISTORY_TITLE}",
				"room": R_GST,
				"form": "On-site",
				"venue": "高笋塘社区老旧楼栋院坝",
				"start": get_datetime(f"{d['meeting']} 09:30:00"),
				"end": get_datetime(f"{d['meeting']} 11:30:00"),
				"conveners": [
					{"participant": p["刘志强"], "convener_order": "First Convener"},
					{"participant": p["黄海燕"], "convener_order": "Second Convener"},
				],
				"agenda": [{"topic": topic}],
				"preparation": "会前7天公示议题，提前3天将协商内容和调研报告送达参会人员。",
				"participants": [
					{"participant": p[n], "meeting_role": role, "invited": 1, "attendance": "Present"}
					for n, role in people
				],
				"statements": [
					{
						"department": "高笋塘街道城市管理办公室",
						"speaker": "邹明",
						"statement": "将联合物业开展楼道集中清理，并研究在小区空地建设电动车集中充电棚。",
					},
				],
				"opinions": [
					{
						"topic": topic,
						"speaker": p["黄海燕"],
						"stance": "Agree",
						"opinion": "建议先集中清理再建立楼栋长巡查制度，防止反弹。",
					},
					{
						"topic": topic,
						"speaker": p["冯志远"],
						"stance": "Supplement",
						"opinion": "充电棚选址应与住宅保持安全间距，配置智能断电和灭火设施。",
					},
					{
						"topic": topic,
						"speaker": p["唐秀兰"],
						"stance": "Disagree",
						"opinion": "部分老人需要楼道放置少量物品，一刀切清理有困难。",
					},
				],
				"consensus_reached": 1,
				"consensus": "一个月内完成楼道集中清理；在小区东侧空地建设电动车集中充电棚；建立楼栋长每周巡查制度。",
				"dissent_explanation": "对老年住户储物需求，由社区协调物业提供临时储物间，不在楼道堆放易燃物品。",
				"minutes": "会议由第一召集人刘志强主持，9名协商主体参加，形成三项共识，会后报街道党工委。",
				"follow_up": "形成协商建议报街道党工委、办事处。",
			}
		)
		meeting.insert()
		log.new("Consultation Meeting")
		meeting = fresh(meeting)
		meeting.submit()
	finally:
		frappe.set_user("Administrator")
	advance_topic(frappe.get_doc("Consultation Topic", topic), Topic.CONSULTED)
	return meeting.name


OUTCOME_PATH = [
	Outcome.DRAFT,
	Outcome.REVIEWED,
	Outcome.REPORTED,
	Outcome.ADOPTED,
	Outcome.IMPLEMENTING,
	Outcome.IMPLEMENTED,
	Outcome.FEEDBACK_GIVEN,
]


def advance_outcome(outcome, target: str):
	for _ in range(len(OUTCOME_PATH) + 1):
		outcome = fresh(outcome)
		state = outcome.workflow_state or Outcome.DRAFT
		if state == target or (
			state in OUTCOME_PATH and OUTCOME_PATH.index(state) > OUTCOME_PATH.index(target)
		):
			return outcome
		step = {
			Outcome.DRAFT: (Outcome.REVIEW, "convener1"),
			Outcome.REVIEWED: (Outcome.REPORT, "sec_gst"),
			Outcome.REPORTED: (Outcome.ADOPT, "reviewer"),
			Outcome.ADOPTED: (Outcome.START_IMPLEMENTATION, "unit"),
			Outcome.IMPLEMENTING: (Outcome.MARK_IMPLEMENTED, "unit"),
			Outcome.IMPLEMENTED: (Outcome.GIVE_FEEDBACK, "sec_gst"),
		}.get(state)
		if not step:
			raise RuntimeError(f"{outcome.name}: no demo step from {state}")
		act(outcome, *step)
	raise RuntimeError(f"{outcome.name} did not reach {target}")


def history_outcomes(log: Log, meeting: str):
	d = history_dates()
	topic = frappe.db.get_value("Consultation Topic", {"title": HISTORY_TITLE, "room": R_GST})
	specs = [
		dict(
			title="关于老旧楼道堆物清理和建立楼栋巡查制度的协商建议",
			outcome_type="Consultation Suggestion",
			content="一、街道牵头、物业配合，一个月内完成老旧楼道集中清理；二、建立楼栋长每周巡查制度；"
			"三、社区协调临时储物间，解决老年住户储物需求。",
			handling_unit="高笋塘街道城市管理办公室",
			responsible_person="邹明",
			due_date=add_days(d["meeting"], 30),
			target=Outcome.FEEDBACK_GIVEN,
			after_adopt={
				"progress": [
					{
						"progress_date": add_days(d["meeting"], 10),
						"percent": 50,
						"note": "已清理8个楼栋中的4个。",
					},
					{
						"progress_date": add_days(d["meeting"], 24),
						"percent": 100,
						"note": "8个楼栋全部清理完毕，巡查制度已建立。",
					},
				],
				"problems_solved": 8,
				"people_benefited": 620,
				"change_type": "Governance Change",
				"results_note": "楼道堆物清理完毕，楼栋长巡查制度常态运行。",
			},
			feedback={
				"feedback_to_participants": "协商建议已被街道党工委采纳，楼道清理已全部完成，感谢各位参与。",
				"feedback_public_text": "经“渝事好商量”院坝协商，高笋塘社区8个老旧楼栋的楼道堆物已全部清理，"
				"楼栋长每周巡查制度已建立。",
				"publish_feedback": 1,
			},
		),
		dict(
			title="关于建设电动车集中充电棚的协商建议",
			outcome_type="Consultation Suggestion",
			content="在小区东侧空地建设电动车集中充电棚，配置智能断电和灭火设施，争取区级民生实事资金支持。",
			handling_unit="万州区住房和城乡建设委员会",
			responsible_person="何建华",
			due_date=add_days(today(), 45),
			target=Outcome.IMPLEMENTING,
			after_adopt={
				"progress": [
					{
						"progress_date": add_days(today(), -5),
						"percent": 30,
						"note": "已完成选址和方案设计，正在办理审批。",
					},
				],
				"funds_secured": 180000,
				"change_type": "Livelihood Project",
			},
		),
	]
	made = []
	for s in specs:
		name = frappe.db.get_value("Consultation Outcome", {"title": s["title"], "topic": topic})
		if name:
			log.existing("Consultation Outcome")
			outcome = frappe.get_doc("Consultation Outcome", name)
		else:
			frappe.set_user(email("sec_gst"))
			try:
				outcome = frappe.get_doc(
					{
						"doctype": "Consultation Outcome",
						"title": s["title"],
						"outcome_type": s["outcome_type"],
						"meeting": meeting,
						"topic": topic,
						"room": R_GST,
						"content": s["content"],
						"recipients": [
							{"recipient_type": "Party Committee", "recipient_name": "高笋塘街道党工委"},
							{"recipient_type": "Government", "recipient_name": "高笋塘街道办事处"},
						],
					}
				).insert()
			finally:
				frappe.set_user("Administrator")
			log.new("Consultation Outcome")
		outcome = (
			advance_outcome(outcome, Outcome.REPORTED)
			if (outcome.workflow_state or Outcome.DRAFT) in (Outcome.DRAFT, Outcome.REVIEWED)
			else outcome
		)
		if outcome.workflow_state == Outcome.REPORTED:
			edit(
				outcome,
				"reviewer",
				adoption_decision="Adopted",
				adoption_reason="符合群众意愿，街道党工委会议研究采纳。",
				decided_on=d["decided"],
				handling_class=CLASS_A,
				handling_unit=s["handling_unit"],
				responsible_person=s["responsible_person"],
				due_date=s["due_date"],
			)
			act(outcome, Outcome.ADOPT, "reviewer")
		if fresh(outcome).workflow_state == Outcome.ADOPTED:
			act(outcome, Outcome.START_IMPLEMENTATION, "unit")
		outcome = fresh(outcome)
		if outcome.workflow_state == Outcome.IMPLEMENTING and not outcome.progress:
			edit(outcome, "unit", **s["after_adopt"])
		if s["target"] == Outcome.FEEDBACK_GIVEN and fresh(outcome).workflow_state == Outcome.IMPLEMENTING:
			act(outcome, Outcome.MARK_IMPLEMENTED, "unit")
		if s["target"] == Outcome.FEEDBACK_GIVEN and fresh(outcome).workflow_state == Outcome.IMPLEMENTED:
			stage(
				log,
				f"feedback on {outcome.name} (left Implemented)",
				lambda o=outcome, f=s["feedback"]: (
					edit(o, "sec_gst", **f),
					act(o, Outcome.GIVE_FEEDBACK, "sec_gst"),
				),
				savepoint="demo_feedback",
			)
		made.append(fresh(outcome))
	return made


# ----------------------------------------------------------------------------------------------- load


def load():
	"""Load the demo data (idempotent) and print the demo logins."""
	frappe.flags.mute_emails = True
	frappe.set_user("Administrator")
	log = Log()
	ensure_users(log)
	ensure_expertise(log)
	ensure_rooms(log)
	ensure_participants(log)
	ensure_room_people()
	ensure_handling_units(log)
	public_call = ensure_public_call(log)
	topics = load_topics(log, public_call)
	frappe.db.commit()

	topic = stage(log, "research of the history topic", lambda: history_topic_researched(log))
	meeting = topic and stage(log, "consultation meeting", lambda: history_meeting(log))
	if meeting:
		stage(log, "outcomes", lambda: history_outcomes(log, meeting))
	frappe.set_user("Administrator")
	frappe.db.commit()
	report(log, topics)


def report(log: Log, topics: dict):
	print("consult_app demo data loaded.")
	print("  made: " + (", ".join(f"{k} {v}" for k, v in log.made.items()) or "nothing (all present)"))
	print("  kept: " + (", ".join(f"{k} {v}" for k, v in log.kept.items()) or "-"))
	print("  topics:")
	for title, doc in topics.items():
		state = frappe.db.get_value("Consultation Topic", doc.name, "workflow_state")
		print(f"    {doc.name}  {state:<24} {doc.room} / {title}")
	for doctype in ("Consultation Research", "Consultation Meeting", "Consultation Outcome"):
		print(f"  {doctype}: {frappe.db.count(doctype, {'room': R_GST})} in {R_GST}")
	for problem in log.problems:
		print(f"  NOTE {problem}")
	print(
		f"\nDemo logins (password for all: {DEMO_PASSWORD}); Administrator's password is the site's admin password."
	)
	for mail, full_name, roles in USERS.values():
		print(f"  {mail:<28} {full_name:<5} {', '.join(roles)}")
