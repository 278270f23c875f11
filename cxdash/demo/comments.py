"""Survey comments for the demo: short, realistic, in Uzbek (Latin script), Russian and English.

Each comment has a sentiment (positive for promoters, neutral for passives, negative for
detractors) and a language; surveys.sql picks one by hash within the matching group. Uzbek
uses the modifier letter turned comma ``ʻ`` (U+02BB) as in Oʻzbekiston and maʻlumot.
"""

from __future__ import annotations

# (sentiment, language, text)
COMMENTS: tuple[tuple[str, str, str], ...] = (
    # Uzbek
    ("positive", "uz", "Yetkazib berish juda tez boʻldi, rahmat!"),
    ("positive", "uz", "Ilova qulay, buyurtma berish bir daqiqa oldi."),
    ("positive", "uz", "Operator muammomni darhol hal qildi."),
    ("positive", "uz", "Doʻkondagi sotuvchilar xushmuomala va yordam berishdi."),
    ("positive", "uz", "Muddatli toʻlovni rasmiylashtirish juda oson boʻldi."),
    ("positive", "uz", "Chatda tez javob berishdi, hammasi tushunarli."),
    ("neutral", "uz", "Umuman yaxshi, lekin yetkazib berish narxi qimmat."),
    ("neutral", "uz", "Mahsulot yaxshi, ammo qadoqlash yanada puxta boʻlishi kerak."),
    ("neutral", "uz", "Oʻzbekiston boʻylab yetkazib berish tezroq boʻlsa yaxshi boʻlardi."),
    ("neutral", "uz", "Narxlar maqbul, lekin saytda qidiruv noqulay."),
    ("negative", "uz", "Buyurtma ikki kun kechikdi, hech kim xabar bermadi."),
    ("negative", "uz", "Call-markazga ulanish uchun yarim soat kutdim."),
    ("negative", "uz", "Mahsulot haqida maʻlumot yetarli emas edi."),
    ("negative", "uz", "Qaytarish jarayoni juda murakkab va uzoq."),
    ("negative", "uz", "Ilovada toʻlov oʻtmadi, pul ikki marta yechildi."),
    # Russian
    ("positive", "ru", "Быстрая доставка, всё пришло в целости."),
    ("positive", "ru", "Удобное приложение, оформил заказ за пару минут."),
    ("positive", "ru", "Оператор в чате ответил сразу и всё решил."),
    ("positive", "ru", "Отличные скидки к Наврузу, спасибо!"),
    ("positive", "ru", "Продавцы в магазине в Фергане очень вежливые."),
    ("neutral", "ru", "В целом нормально, но на маркетплейсе дешевле."),
    ("neutral", "ru", "Хотелось бы больше способов оплаты."),
    ("neutral", "ru", "Консультант помог, но пришлось подождать."),
    ("negative", "ru", "Ответа по почте ждал почти три дня."),
    ("negative", "ru", "Курьер опоздал и не позвонил."),
    ("negative", "ru", "Не смог дозвониться в колл-центр."),
    ("negative", "ru", "Возврат оформляли две недели."),
    ("negative", "ru", "Бонусы не начислились, поддержка не помогла."),
    # English
    ("positive", "en", "Great app, paying with Payme took seconds."),
    ("positive", "en", "Chat support fixed my issue in five minutes."),
    ("positive", "en", "The staff in the Samarkand store were very helpful."),
    ("positive", "en", "Next-day delivery in Tashkent, impressive."),
    ("neutral", "en", "Okay overall, but the website search is poor."),
    ("neutral", "en", "Prices are fine, the loyalty points are confusing."),
    ("neutral", "en", "Good product, delivery slot options are limited."),
    ("negative", "en", "Delivery was late and nobody called me."),
    ("negative", "en", "I had to explain my problem three times to different agents."),
    ("negative", "en", "Email support is far too slow."),
    ("negative", "en", "The app logged me out twice during checkout."),
    ("negative", "en", "My instalment plan was approved but the order was cancelled."),
)
