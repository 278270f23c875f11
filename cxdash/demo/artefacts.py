"""One worked example of every workshop artefact, for the demo company.

The company: an imaginary consumer-electronics and home-appliance retailer in Uzbekistan
with stores in every region, a website, a mobile app, Telegram and Instagram shops and a
call centre. Its customer-experience transformation started on 1 January 2025; the
workshop looks back from the autumn of 2026. Amounts are in so'm.

Each artefact is a tuple of rows keyed by the dataset's columns (the workshop column is
added on insert). Steps in ``tech_stack.steps`` are OPPOSITE step numbers (1-8) and
``touchpoints`` are channels, both comma-separated.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

D = dt.date

Row = dict[str, Any]

TRENDS: tuple[Row, ...] = (
    {
        "trend": "Shopping moves to the smartphone: our app and the super-apps",
        "category": "Digital behaviour",
        "impact": 5,
        "certainty": 5,
        "roadmap_status": "covered",
    },
    {
        "trend": "Social commerce in Telegram and Instagram shops",
        "category": "Channels",
        "impact": 5,
        "certainty": 4,
        "roadmap_status": "planned",
    },
    {
        "trend": "Instant payments and QR codes (Click, Payme, Uzum) replace cash",
        "category": "Payments",
        "impact": 4,
        "certainty": 5,
        "roadmap_status": "covered",
    },
    {
        "trend": "Instalments (nasiya) expected at every checkout",
        "category": "Payments",
        "impact": 4,
        "certainty": 4,
        "roadmap_status": "planned",
    },
    {
        "trend": "Marketplaces make next-day delivery the norm",
        "category": "Competition",
        "impact": 5,
        "certainty": 4,
        "roadmap_status": "gap",
    },
    {
        "trend": "Personal data of citizens must be stored in Uzbekistan",
        "category": "Regulation",
        "impact": 3,
        "certainty": 5,
        "roadmap_status": "covered",
    },
    {
        "trend": "AI assistants answering customers in Uzbek and Russian",
        "category": "Technology",
        "impact": 4,
        "certainty": 3,
        "roadmap_status": "gap",
    },
    {
        "trend": "Uzbek-language (Latin script) content first",
        "category": "Culture",
        "impact": 3,
        "certainty": 4,
        "roadmap_status": "planned",
    },
    {
        "trend": "Fast growth of the regions outside Tashkent",
        "category": "Market",
        "impact": 4,
        "certainty": 3,
        "roadmap_status": "planned",
    },
    {
        "trend": "Video reviews and creators drive product choice",
        "category": "Media",
        "impact": 3,
        "certainty": 4,
        "roadmap_status": "gap",
    },
)

JOURNEY_NOTES: tuple[Row, ...] = (
    {
        "stage": "awareness",
        "customer_goal": "Find out which fridge, phone or washer fits my family and budget",
        "pain_points": "Our ads show products that are out of stock in the customer's region; "
        "churned customers keep getting the same generic offers",
        "opportunities": "Region-aware ads fed by live stock; creator videos in Uzbek; "
        "stop paid retargeting of customers who have not bought in six months",
    },
    {
        "stage": "consideration",
        "customer_goal": "Compare prices, instalment terms and delivery dates before I decide",
        "pain_points": "Instalment terms only visible at the store; product pages thin in Uzbek",
        "opportunities": "Instalment calculator on every product page; comparison in the app; "
        "chat with a consultant from the product page",
    },
    {
        "stage": "purchase",
        "customer_goal": "Pay the way I want and know exactly when the order arrives",
        "pain_points": "Card payments fail in the app at peak times; delivery date promised "
        "before stock is checked",
        "opportunities": "Click and Payme in one tap; real-time stock; delivery slot at checkout",
    },
    {
        "stage": "service",
        "customer_goal": "Get a problem solved in one contact, the same day",
        "pain_points": "Email answers take days; customers repeat their story to every agent",
        "opportunities": "One omnichannel desk with the order history on screen; chat in the app; "
        "same-day target for every channel",
    },
    {
        "stage": "loyalty",
        "customer_goal": "Be recognised and rewarded for buying again",
        "pain_points": "Points are confusing and expire unnoticed; offers ignore what I bought",
        "opportunities": "Points balance in the app; accessories and warranty offers timed "
        "to the purchase",
    },
    {
        "stage": "advocacy",
        "customer_goal": "Recommend the shop to friends and family and share my experience",
        "pain_points": "No simple way to refer a friend; reviews hidden on the website",
        "opportunities": "Referral code in the app with a reward for both; reviews shown on "
        "product pages and in the Telegram shop",
    },
)

BARRIERS: tuple[Row, ...] = (
    {
        "process": "Returns and refunds",
        "area": "Policy",
        "barrier": "Refunds above 1 million so'm need a director's signature",
        "severity": 4,
        "owner": "Head of Retail Operations",
        "action": "Let store managers approve refunds up to 5 million so'm",
        "status": "in progress",
    },
    {
        "process": "Complaint handling",
        "area": "Process",
        "barrier": "Email complaints go to a back office with a 72-hour SLA",
        "severity": 5,
        "owner": "Head of Customer Service",
        "action": "Move email into the omnichannel desk with a 24-hour SLA",
        "status": "resolved",
    },
    {
        "process": "Customer data",
        "area": "Systems",
        "barrier": "Customer records are split between 1C, Bitrix24 and the app with no shared ID",
        "severity": 5,
        "owner": "CIO",
        "action": "One customer ID and a customer data platform",
        "status": "in progress",
    },
    {
        "process": "Campaign planning",
        "area": "Process",
        "barrier": "Budgets are fixed per channel for the whole year",
        "severity": 3,
        "owner": "CMO",
        "action": "Quarterly ROMI review that moves budget to what works",
        "status": "in progress",
    },
    {
        "process": "Store incentives",
        "area": "Business model",
        "barrier": "Store bonuses count only till sales, so staff discourage app orders",
        "severity": 4,
        "owner": "Head of Retail Operations",
        "action": "Credit stores with app orders delivered or picked up in their area",
        "status": "open",
    },
    {
        "process": "Social media care",
        "area": "Organisation",
        "barrier": "The SMM agency answers customers but cannot see their orders",
        "severity": 4,
        "owner": "Head of Customer Service",
        "action": "Bring social care in-house to the contact centre",
        "status": "resolved",
    },
    {
        "process": "Delivery promise",
        "area": "Systems",
        "barrier": "Website stock is refreshed once a night",
        "severity": 4,
        "owner": "Head of E-commerce",
        "action": "Real-time stock feed from the warehouse system",
        "status": "in progress",
    },
    {
        "process": "Consent and privacy",
        "area": "Policy",
        "barrier": "Marketing consent is collected on paper in stores",
        "severity": 3,
        "owner": "Legal Counsel",
        "action": "Digital consent at checkout, kept with the customer record",
        "status": "open",
    },
)

MILESTONES: tuple[Row, ...] = (
    {
        "objective": "Solve customer issues on the day they are raised",
        "milestone": "Chat support live on the website and in the app",
        "kpi": "fcr",
        "target": 65.0,
        "horizon": "6m",
        "owner": "Head of Customer Service",
        "start_date": D(2025, 1, 1),
        "due_date": D(2025, 6, 30),
        "status": "done",
        "progress": 100.0,
    },
    {
        "objective": "Solve customer issues on the day they are raised",
        "milestone": "Social media care moved in-house",
        "kpi": "same_day_resolution_rate",
        "target": 55.0,
        "horizon": "1y",
        "owner": "Head of Customer Service",
        "start_date": D(2025, 1, 15),
        "due_date": D(2025, 12, 31),
        "status": "done",
        "progress": 100.0,
    },
    {
        "objective": "Solve customer issues on the day they are raised",
        "milestone": "70% of tickets resolved the same day",
        "kpi": "same_day_resolution_rate",
        "target": 70.0,
        "horizon": "2y",
        "owner": "Head of Customer Service",
        "start_date": D(2025, 7, 1),
        "due_date": D(2026, 12, 31),
        "status": "on track",
        "progress": 70.0,
    },
    {
        "objective": "Make the app the easiest way to shop",
        "milestone": "App relaunch with instalment checkout",
        "kpi": "conversion_rate",
        "target": 35.0,
        "horizon": "6m",
        "owner": "Head of E-commerce",
        "start_date": D(2025, 1, 1),
        "due_date": D(2025, 6, 30),
        "status": "done",
        "progress": 100.0,
    },
    {
        "objective": "Make the app the easiest way to shop",
        "milestone": "Customers buy again within the quarter",
        "kpi": "repeat_purchase_rate",
        "target": 30.0,
        "horizon": "2y",
        "owner": "Head of E-commerce",
        "start_date": D(2025, 4, 1),
        "due_date": D(2026, 12, 31),
        "status": "at risk",
        "progress": 55.0,
    },
    {
        "objective": "Know every customer by one ID",
        "milestone": "Customer data platform live for marketing and service",
        "kpi": None,
        "target": None,
        "horizon": "2y",
        "owner": "CIO",
        "start_date": D(2025, 7, 1),
        "due_date": D(2026, 12, 31),
        "status": "at risk",
        "progress": 40.0,
    },
    {
        "objective": "Grow loyal customers and referrals",
        "milestone": "Referral programme launched in the app",
        "kpi": "referral_rate",
        "target": 12.0,
        "horizon": "1y",
        "owner": "CMO",
        "start_date": D(2025, 3, 1),
        "due_date": D(2025, 12, 31),
        "status": "done",
        "progress": 100.0,
    },
    {
        "objective": "Grow loyal customers and referrals",
        "milestone": "NPS of +40 or better",
        "kpi": "nps",
        "target": 40.0,
        "horizon": "3y",
        "owner": "CX Lead",
        "start_date": D(2025, 1, 1),
        "due_date": D(2027, 12, 31),
        "status": "on track",
        "progress": 60.0,
    },
    {
        "objective": "Spend marketing money where it returns most",
        "milestone": "Every campaign budget decided on ROMI",
        "kpi": "romi",
        "target": 250.0,
        "horizon": "3y",
        "owner": "CMO",
        "start_date": D(2025, 4, 1),
        "due_date": D(2027, 12, 31),
        "status": "off track",
        "progress": 25.0,
    },
    {
        "objective": "Be the most recommended retailer in Uzbekistan",
        "milestone": "Top NPS among national retailers",
        "kpi": "nps",
        "target": 50.0,
        "horizon": "5y",
        "owner": "CEO",
        "start_date": D(2025, 1, 1),
        "due_date": D(2029, 12, 31),
        "status": "not started",
        "progress": 10.0,
    },
)

# (activity, team, role): each activity has exactly one A and at least one R.
_RACI: tuple[tuple[str, str, str], ...] = (
    ("Set the CX vision and targets", "CX office", "A"),
    ("Set the CX vision and targets", "Marketing", "R"),
    ("Set the CX vision and targets", "Data & analytics", "S"),
    ("Set the CX vision and targets", "Contact centre", "C"),
    ("Set the CX vision and targets", "Retail operations", "C"),
    ("Set the CX vision and targets", "IT", "I"),
    ("Map and fix customer journeys", "Marketing", "A"),
    ("Map and fix customer journeys", "E-commerce", "R"),
    ("Map and fix customer journeys", "Contact centre", "R"),
    ("Map and fix customer journeys", "Retail operations", "C"),
    ("Map and fix customer journeys", "Data & analytics", "S"),
    ("Map and fix customer journeys", "IT", "I"),
    ("Run omnichannel customer service", "CX office", "A"),
    ("Run omnichannel customer service", "Contact centre", "R"),
    ("Run omnichannel customer service", "Retail operations", "R"),
    ("Run omnichannel customer service", "E-commerce", "S"),
    ("Run omnichannel customer service", "IT", "S"),
    ("Run omnichannel customer service", "Marketing", "I"),
    ("Build the customer data platform", "IT", "A"),
    ("Build the customer data platform", "Data & analytics", "R"),
    ("Build the customer data platform", "Marketing", "C"),
    ("Build the customer data platform", "Finance", "C"),
    ("Build the customer data platform", "Contact centre", "I"),
    ("Plan campaigns and review ROMI", "Marketing", "A"),
    ("Plan campaigns and review ROMI", "Data & analytics", "R"),
    ("Plan campaigns and review ROMI", "Finance", "C"),
    ("Plan campaigns and review ROMI", "E-commerce", "S"),
    ("Plan campaigns and review ROMI", "Retail operations", "I"),
    ("Run the loyalty and referral programme", "Marketing", "A"),
    ("Run the loyalty and referral programme", "E-commerce", "R"),
    ("Run the loyalty and referral programme", "Retail operations", "R"),
    ("Run the loyalty and referral programme", "Data & analytics", "S"),
    ("Run the loyalty and referral programme", "Finance", "I"),
    ("Measure NPS and close the loop", "CX office", "A"),
    ("Measure NPS and close the loop", "Data & analytics", "R"),
    ("Measure NPS and close the loop", "Contact centre", "R"),
    ("Measure NPS and close the loop", "Marketing", "I"),
    ("Measure NPS and close the loop", "Retail operations", "I"),
    ("Approve technology investments", "Finance", "A"),
    ("Approve technology investments", "IT", "R"),
    ("Approve technology investments", "CX office", "C"),
    ("Approve technology investments", "Marketing", "C"),
)
RACI: tuple[Row, ...] = tuple(
    {"activity": activity, "team": team, "role": role} for activity, team, role in _RACI
)

INSIGHTS: tuple[Row, ...] = (
    {
        "insight": "Orders are moving to the app faster than the stores adapt",
        "evidence": "The app's share of orders roughly quadrupled since autumn 2023 while the "
        "stores' share fell by half",
        "action": "Credit stores with app orders in their area; pick-up in store from the app",
        "owner": "Head of Retail Operations",
    },
    {
        "insight": "Chat solves problems fastest, email slowest",
        "evidence": "Median resolution is minutes in chat and more than a day by email; "
        "satisfaction falls with every hour of waiting",
        "action": "Offer chat first in the app and in order messages; email into the "
        "omnichannel desk with a 24-hour SLA",
        "owner": "Head of Customer Service",
    },
    {
        "insight": "The run-up to Navruz and the New Year bring the most first orders",
        "evidence": "New customers in March and December are far above the monthly average; "
        "July is the low point",
        "action": "Shift acquisition budget into February-March and December; welcome journey "
        "for new buyers within 30 days",
        "owner": "CMO",
    },
    {
        "insight": "Customers acquired since the transformation stay longer",
        "evidence": "Cohorts from 2025 keep clearly more customers after six and twelve months "
        "than the 2023-2024 cohorts",
        "action": "Keep the onboarding and same-day service standards; report cohort "
        "retention monthly",
        "owner": "CX Lead",
    },
    {
        "insight": "We keep paying to reach customers who have already left",
        "evidence": "A large share of awareness touchpoints go to customers without an order "
        "for months; very few of them buy again",
        "action": "Stop paid retargeting after six months without an order; test a win-back "
        "offer instead",
        "owner": "Head of Digital Marketing",
    },
    {
        "insight": "VIP customers are few but carry a large share of revenue",
        "evidence": "About 6% of customers, several times the revenue per customer of Retail",
        "action": "Personal manager and priority line for VIPs; early access to new models",
        "owner": "Head of Sales",
    },
    {
        "insight": "Delivery and returns cause a third of all contacts",
        "evidence": "Ticket topics: delivery and returns together are about 36% of tickets",
        "action": "Proactive delivery updates in Telegram; simpler return rules in stores",
        "owner": "Head of Logistics",
    },
)

TECH_STACK: tuple[Row, ...] = (
    {
        "system": "1C:Enterprise ERP",
        "category": "ERP",
        "steps": "3,7",
        "touchpoints": "store,web",
        "owner": "CIO",
        "annual_cost": 250_000_000.0,
        "fit": 2,
        "lifecycle": "legacy",
    },
    {
        "system": "Bitrix24 CRM",
        "category": "CRM",
        "steps": "2,3,6",
        "touchpoints": "phone,email",
        "owner": "Head of Sales",
        "annual_cost": 120_000_000.0,
        "fit": 2,
        "lifecycle": "retire",
    },
    {
        "system": "Customer data platform",
        "category": "CDP",
        "steps": "1,2,6,8",
        "touchpoints": "web,mobile_app,store,social,email",
        "owner": "Head of Data",
        "annual_cost": 900_000_000.0,
        "fit": 5,
        "lifecycle": "planned",
    },
    {
        "system": "Mobile app",
        "category": "Commerce",
        "steps": "2,6,7",
        "touchpoints": "mobile_app",
        "owner": "Head of E-commerce",
        "annual_cost": 1_200_000_000.0,
        "fit": 4,
        "lifecycle": "current",
    },
    {
        "system": "Website",
        "category": "Commerce",
        "steps": "2,6",
        "touchpoints": "web",
        "owner": "Head of E-commerce",
        "annual_cost": 300_000_000.0,
        "fit": 3,
        "lifecycle": "current",
    },
    {
        "system": "Omnichannel help desk",
        "category": "Service",
        "steps": "3,6,8",
        "touchpoints": "chat,social,email,phone",
        "owner": "Head of Customer Service",
        "annual_cost": 420_000_000.0,
        "fit": 5,
        "lifecycle": "current",
    },
    {
        "system": "Call-centre PBX",
        "category": "Service",
        "steps": "3",
        "touchpoints": "phone",
        "owner": "CIO",
        "annual_cost": 60_000_000.0,
        "fit": 2,
        "lifecycle": "legacy",
    },
    {
        "system": "Telegram bot and shop",
        "category": "Commerce",
        "steps": "2,6",
        "touchpoints": "social",
        "owner": "Head of E-commerce",
        "annual_cost": 90_000_000.0,
        "fit": 4,
        "lifecycle": "current",
    },
    {
        "system": "Web and app analytics",
        "category": "Analytics",
        "steps": "2,6",
        "touchpoints": "web,mobile_app",
        "owner": "Head of Data",
        "annual_cost": 0.0,
        "fit": 4,
        "lifecycle": "current",
    },
    {
        "system": "Loyalty engine",
        "category": "Loyalty",
        "steps": "2,4,8",
        "touchpoints": "mobile_app,store,web",
        "owner": "CMO",
        "annual_cost": 540_000_000.0,
        "fit": 4,
        "lifecycle": "planned",
    },
    {
        "system": "Excel KPI workbook",
        "category": "Analytics",
        "steps": "4,8",
        "touchpoints": "",
        "owner": "Head of Data",
        "annual_cost": 0.0,
        "fit": 1,
        "lifecycle": "retire",
    },
)

PRACTICES: tuple[Row, ...] = (
    {
        "practice": "Daily 15-minute huddle on yesterday's unresolved tickets",
        "team": "Contact centre",
        "date": D(2025, 3, 10),
        "result": "Same-day resolution up by a third within one quarter",
    },
    {
        "practice": "Call back every detractor within 48 hours",
        "team": "CX office",
        "date": D(2025, 5, 5),
        "result": "A third of the detractors called back answered the next survey as "
        "passives or promoters",
    },
    {
        "practice": "Plan the Navruz campaign on last year's cohort data",
        "team": "Marketing",
        "date": D(2025, 2, 1),
        "result": "More first orders in March 2025 than in March 2024 at the same spend",
    },
    {
        "practice": "Chat reply templates in Uzbek and Russian",
        "team": "Contact centre",
        "date": D(2025, 4, 15),
        "result": "Median chat resolution under 15 minutes",
    },
    {
        "practice": "Quarterly ROMI review that moves up to 15% of the budget",
        "team": "Marketing",
        "date": D(2025, 10, 1),
        "result": "Social and app campaigns got a fifth more budget with better returns",
    },
    {
        "practice": "Store staff credited for app orders in their area",
        "team": "Retail operations",
        "date": D(2026, 2, 1),
        "result": "Stores now help customers install the app; app share rising in the regions",
    },
    {
        "practice": "New hires walk the customer journey in a store and in the app",
        "team": "CX office",
        "date": D(2026, 4, 1),
        "result": "Onboarding feedback 4.6 of 5; fewer repeated questions to the contact centre",
    },
)

# Scores per OPPOSITE step 1..8 from each participant of the workshop.
_MATURITY: dict[str, tuple[int, ...]] = {
    "Dilnoza R. (CMO)": (4, 3, 3, 4, 3, 3, 2, 3),
    "Javlon T. (CX lead)": (4, 4, 2, 4, 3, 3, 2, 2),
    "Madina S. (Contact centre)": (3, 3, 2, 3, 2, 2, 3, 2),
    "Sardor K. (IT)": (3, 2, 3, 3, 3, 2, 2, 3),
    "Nodira A. (Data & analytics)": (4, 3, 2, 4, 2, 4, 2, 2),
}
MATURITY: tuple[Row, ...] = tuple(
    {"step": step, "participant": participant, "score": score}
    for participant, scores in _MATURITY.items()
    for step, score in enumerate(scores, start=1)
)

ARTEFACTS: dict[str, tuple[Row, ...]] = {
    "trends": TRENDS,
    "journey_notes": JOURNEY_NOTES,
    "barriers": BARRIERS,
    "milestones": MILESTONES,
    "raci": RACI,
    "insights": INSIGHTS,
    "tech_stack": TECH_STACK,
    "practices": PRACTICES,
    "maturity": MATURITY,
}
