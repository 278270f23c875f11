"""Header texts that mean a canonical column: the exports people really bring.

Read it as a table. Headers are compared in normalised form (mapping.normalise:
case, spaces, punctuation and Uzbek apostrophes do not matter), so "Order ID",
"order-id" and "ORDER_ID" are one entry. English, Russian and Uzbek (Latin and
Cyrillic) headers are welcome: the analysts read all three. A few German headers
cover the exports of the Berlin office.

COLUMNS applies wherever a dataset has the column. GENERIC holds words that mean
different columns in different datasets ("Date" is the order date of an order
and the sign-up date of a customer). A header naming the column exactly always
wins over a synonym, and an explicit mapping wins over both.
"""

from __future__ import annotations

COLUMNS: dict[str, tuple[str, ...]] = {
    "customer_id": (
        "Customer", "Customer No", "Customer Number", "Client", "Client ID", "Contact ID",
        "User ID", "Клиент", "ID клиента", "Код клиента", "Номер клиента", "Покупатель",
        "Mijoz", "Mijoz ID", "Mijoz raqami", "Мижоз", "Kunde", "Kundennummer",
    ),
    "order_id": (
        "Order", "Order No", "Order Number", "Order #", "Номер заказа", "№ заказа", "Заказ",
        "ID заказа", "Buyurtma", "Buyurtma raqami", "Buyurtma ID", "Буюртма рақами",
        "Bestellnummer", "Bestellung",
    ),
    "order_date": (
        "Date of order", "Ordered at", "Order time", "Purchase date", "Дата заказа",
        "Buyurtma sanasi", "Буюртма санаси", "Bestelldatum",
    ),
    "amount": (
        "Total", "Order total", "Sum", "Revenue", "Value", "Сумма", "Итого", "Сумма заказа",
        "Summa", "Jami", "Сумма, руб", "Сумма заказа, руб", "Betrag", "Summe", "Gesamt",
    ),
    "channel": (
        "Sales channel", "Канал", "Канал продаж", "Kanal", "Sotuv kanali", "Канали",
        "Vertriebskanal",
    ),
    "device": ("Device type", "Устройство", "Qurilma", "Қурилма", "Gerät"),
    "campaign_id": (
        "Campaign", "Campaign code", "utm_campaign", "Кампания", "ID кампании", "Kampaniya",
        "Kampaniya ID", "Kampagne",
    ),
    "signup_date": (
        "Sign-up date", "Registered", "Registered at", "Registration date", "Created",
        "Created at", "Customer since", "Дата регистрации", "Ro'yxatdan o'tgan sana",
        "Ro'yxatdan o'tish sanasi",
    ),
    "segment": ("Customer segment", "Сегмент"),
    "region": ("Area", "City", "Регион", "Город", "Hudud", "Viloyat", "Shahar", "Вилоят"),
    "acquisition_channel": (
        "Source", "Lead source", "Канал привлечения", "Источник", "Jalb qilish kanali", "Manba",
    ),
    "referred_by": ("Referrer", "Referral", "Пригласил", "Tavsiya qilgan"),
    "name": ("Campaign name", "Название", "Nomi"),
    "start_date": ("Start", "Starts", "From", "Дата начала", "Начало", "Boshlanish sanasi"),
    "end_date": ("End", "Ends", "To", "Дата окончания", "Окончание", "Tugash sanasi"),
    "spend": ("Cost", "Budget spent", "Расход", "Расходы", "Затраты", "Xarajat"),
    "event_id": ("Event", "ID события", "Hodisa ID"),
    "ts": (
        "Timestamp", "Time", "Event time", "Date time", "Datetime", "Время", "Дата и время",
        "Vaqt",
    ),
    "stage": ("Journey stage", "Этап", "Стадия", "Bosqich"),
    "intent": ("Намерение", "Niyat"),
    "ticket_id": (
        "Ticket", "Ticket No", "Case ID", "Case number", "Обращение", "Номер обращения",
        "Заявка", "Номер заявки", "Murojaat raqami",
    ),
    "opened_at": (
        "Opened", "Created", "Created at", "Open date", "Дата создания", "Дата обращения",
        "Ochilgan vaqt",
    ),
    "resolved_at": (
        "Resolved", "Closed", "Closed at", "Solved at", "Дата решения", "Дата закрытия",
        "Hal qilingan vaqt",
    ),
    "first_contact_resolution": (
        "FCR", "Solved on first contact", "Решено с первого обращения",
    ),
    "satisfaction": ("Rating", "CSAT score", "Оценка", "Удовлетворенность", "Baho"),
    "topic": ("Subject", "Category", "Тема", "Mavzu"),
    "response_id": ("Response", "Respondent ID", "ID ответа", "Javob ID"),
    "responded_at": (
        "Response date", "Submitted", "Submitted at", "Дата ответа", "Javob sanasi",
    ),
    "nps": ("NPS score", "Likelihood to recommend", "Оценка NPS"),
    "ces": ("Customer effort", "Effort score"),
    "comment": ("Comments", "Feedback", "Verbatim", "Комментарий", "Отзыв", "Izoh", "Fikr"),
    "target": ("Goal", "Цель", "План", "Maqsad"),
    "period_start": ("Period from", "Начало периода"),
    "period_end": ("Period to", "Конец периода"),
}  # fmt: skip

GENERIC: dict[str, dict[str, tuple[str, ...]]] = {
    "customers": {
        "customer_id": ("ID",),
        "signup_date": ("Date", "Дата", "Sana", "Сана"),
    },
    "orders": {
        "order_id": ("ID", "No", "Номер"),
        "order_date": ("Date", "Дата", "Sana", "Сана", "Datum"),
    },
    "campaigns": {"campaign_id": ("ID",)},
    "touchpoints": {"event_id": ("ID",), "ts": ("Date", "Дата", "Sana")},
    "tickets": {"ticket_id": ("ID", "No", "Номер"), "opened_at": ("Date", "Дата", "Sana")},
    "surveys": {"response_id": ("ID",), "responded_at": ("Date", "Дата", "Sana")},
}
