"""pipeline.sites.language: per-article language detection and the declared-vs-text decision.

Every text here was written for these tests (none is copied from an article or the corpus).
"""
from __future__ import annotations

import time
import unicodedata

import pytest

from pipeline.sites.language import (
    DEFAULT_LANGUAGE,
    guess_language,
    language_code,
    normalize_language,
)

# Vietnamese quoting English names and terms.
VI_MIXED = [
    ("Theo báo cáo của World Bank và JICA, tổng vốn đầu tư cho tuyến đường sắt đô thị Nhổn – Ga Hà Nội "
    "đã tăng thêm 1.200 tỷ đồng so với kế hoạch ban đầu."),
    ("Chương trình Smart City của Hà Nội được triển khai với sự hỗ trợ của Samsung, Microsoft và "
    "Asian Development Bank (ADB)."),
    ("Giám đốc điều hành (CEO) của công ty cho biết doanh thu quý III đạt 350 triệu USD, tăng 12% so với "
    "cùng kỳ năm ngoái."),
    ("Hội thảo Green Growth and Sustainable Development thu hút hơn 300 đại biểu từ các tổ chức như UNDP, "
    "OECD và WWF."),
    ("Sở Kế hoạch và Đầu tư Hà Nội cho biết trong 9 tháng đầu năm, thành phố thu hút 2,5 tỷ USD vốn FDI, "
    "trong đó Nhật Bản dẫn đầu."),
    ("Ông Nguyễn Văn Phong nhấn mạnh, các doanh nghiệp cần tận dụng thương mại điện tử, livestream bán hàng "
    "và các nền tảng như Shopee, Lazada, TikTok Shop."),
    ("Theo Fitch Ratings và Moody's, triển vọng tín nhiệm của Việt Nam được đánh giá ở mức ổn định nhờ "
    "tăng trưởng GDP đạt 6,5%."),
    ("Dự án được tài trợ bởi Asian Development Bank, với sự tham gia của các nhà thầu Hyundai Engineering "
    "& Construction và Sumitomo Mitsui Construction."),
    ("Tại sự kiện Vietnam Startup Day, đại diện Google, Meta, Amazon Web Services và NVIDIA chia sẻ về "
    "xu hướng AI, big data và cloud computing."),
    ("Cụ thể, chỉ số PMI (Purchasing Managers' Index) do S&P Global công bố đạt 52,4 điểm, cao nhất "
    "trong 18 tháng."),
    ("Ông John Smith, Giám đốc quốc gia của World Bank, nói: \"Vietnam has made remarkable progress\" và "
    "cam kết hỗ trợ thêm cho các dự án giao thông."),
]
# Vietnamese headlines and short phrases (~20-60 characters).
VI_SHORT = [
    "Hà Nội đẩy nhanh tiến độ giải ngân vốn đầu tư công",
    "Giá xăng tăng mạnh từ hôm nay",
    "Hà Nội hợp tác với JICA phát triển Metro",
    "Xuất khẩu gạo tăng 12% trong tháng 5",
    "Khởi công cầu Trần Hưng Đạo",
    "Thu hút 2,5 tỷ USD vốn FDI",
    "Samsung mở rộng nhà máy ở Bắc Ninh",
    "Người dân đổ xô đi mua vàng",
    "Hà Nội: Mưa lớn gây ngập nhiều tuyến phố",
    "Tăng lương cơ sở từ 1/7",
    "Điều chỉnh giá điện",
    "Hà Nội Đẩy Nhanh Tiến Độ Giải Ngân Vốn Đầu Tư Công",     # title case
    "HÀ NỘI ĐẨY NHANH TIẾN ĐỘ GIẢI NGÂN VỐN",                  # capitals
]
# English full of Vietnamese names and places, every name keeping its diacritics.
EN_NAMES = [
    ("Nguyễn Mạnh Quyền, Vice Chairman of the Hà Nội People's Committee, said Đống Đa district would "
    "finish relocating 120 households by the end of the year."),
    ("The Hà Nội Department of Transport plans to widen Nguyễn Trãi Street and build an overpass at the "
    "Ngã Tư Sở intersection next spring."),
    ("Trần Sỹ Thanh, Chairman of the Hà Nội People's Committee, visited Hoàn Kiếm, Ba Đình, Tây Hồ and "
    "Long Biên on Monday."),
    ("Lê Hồng Sơn, Nguyễn Thị Thanh Hương and Phạm Quang Thành, officials from Hoàng Mai, Thanh Xuân and "
    "Cầu Giấy, met in Hà Nội."),
    ("Residents of Phúc Xá ward in Ba Đình district told Việt Nam News that the Hồng River dyke had been "
    "reinforced before the storm season."),
    ("Đỗ Đức Duy, Lương Cường and Vương Đình Huệ attended the ceremony at Mỹ Đình National Stadium in "
    "Nam Từ Liêm."),
    ("The campaign, known as Hà Nội xanh, aims to plant one million trees in Sóc Sơn, Ba Vì and Mê Linh "
    "by 2026."),
    ("In Hà Nội's Hoàn Kiếm district, vendors on Hàng Bạc, Hàng Đào and Hàng Ngang streets said sales "
    "had fallen by a third."),
    ("Chairman Trần Sỹ Thanh asked Sóc Sơn, Đông Anh, Gia Lâm, Thường Tín and Phú Xuyên to speed up "
    "site clearance for Ring Road 4."),
    "Nguyễn Văn Thắng, Nguyễn Thị Hồng, Lê Minh Hưng, Phạm Đức Ấn and Hồ Đức Phớc signed the agreement.",
]
# English headlines and short sentences (~25-50 characters), with and without names.
EN_SHORT = [
    "Hanoi speeds up public investment disbursement",
    "Rice exports rose 12% in May",
    "Hà Nội to build new bridge over Red River",
    "Đống Đa residents get new park",
    "Nguyễn Mạnh Quyền meets investors",
    "Metro line opens in Cầu Giấy",
    "Petrol prices jump from today",
    "Phạm Minh Chính visits Bắc Ninh",
    "Vĩnh Phúc, Hưng Yên join Hà Nội metro plan",
    "Deputy Minister Nguyễn Thị Bích Ngọc said",
    "Đỗ Mười Street to be widened",
    "Hà Nội To Build New Bridge Over Red River",              # title case
    "NGUYỄN MẠNH QUYỀN MEETS INVESTORS IN ĐỐNG ĐA",           # capitals
    "GDP rose 5%",
    "Hanoi",
]
# Vietnamese without diacritics: "vi" from a phrase of six words or so up.
VI_PLAIN = [
    "Ha Noi day nhanh tien do giai ngan von dau tu cong trong nam nay",
    "Theo bao cao cua So Ke hoach va Dau tu, thanh pho thu hut 2,5 ty USD von FDI trong 9 thang dau nam",
    "Gia xang tang manh tu hom nay",
    "Nguoi dan phuong Phuc Xa cho biet de song Hong da duoc gia co truoc mua mua bao",
]
OTHER = [
    ("fr", "Le conseil municipal a approuvé hier un nouveau budget pour la rénovation des écoles de la ville."),
    ("de", "Die Stadtverwaltung hat gestern einen neuen Haushalt für die Sanierung der Schulen beschlossen."),
    ("es", "El ayuntamiento aprobó ayer un nuevo presupuesto para la renovación de las escuelas de la ciudad."),
    ("id", "Pemerintah kota kemarin menyetujui anggaran baru untuk renovasi sekolah-sekolah di seluruh kota."),
    ("zh", "市政府昨天批准了一项用于翻修全市学校的新预算。"),
    ("ja", "市当局は昨日、市内の学校を改修するための新しい予算を承認した。"),
    ("ko", "시 정부는 어제 시내 학교 보수를 위한 새 예산을 승인했다."),
    ("ru", "Городские власти вчера утвердили новый бюджет на ремонт школ по всему городу."),
    ("th", "รัฐบาลเมืองอนุมัติงบประมาณใหม่สำหรับการปรับปรุงโรงเรียนทั่วเมืองเมื่อวานนี้"),
    ("pt", "A prefeitura aprovou ontem um novo orçamento para a reforma das escolas da cidade."),
    ("it", "Il consiglio comunale ha approvato ieri un nuovo bilancio per la ristrutturazione delle scuole."),
    ("nl", "De gemeenteraad heeft gisteren een nieuwe begroting voor de renovatie van scholen goedgekeurd."),
    ("pl", "Rada miasta zatwierdziła wczoraj nowy budżet na remont szkół w całym mieście."),
    ("tr", "Belediye meclisi dün şehirdeki okulların yenilenmesi için yeni bir bütçeyi onayladı."),
    ("sv", "Kommunfullmäktige godkände i går en ny budget för renovering av stadens skolor."),
    ("ro", "Consiliul local a aprobat ieri un nou buget pentru renovarea școlilor din oraș."),
    ("ar", "وافق مجلس المدينة أمس على ميزانية جديدة لتجديد المدارس في جميع أنحاء المدينة."),
    ("hi", "नगर परिषद ने कल शहर के स्कूलों की मरम्मत के लिए नया बजट मंजूर किया।"),
    ("uk", "Міська рада вчора затвердила новий бюджет на ремонт шкіл у всьому місті."),
    ("el", "Το δημοτικό συμβούλιο ενέκρινε χθες νέο προϋπολογισμό για την ανακαίνιση των σχολείων."),
    ("he", "מועצת העיר אישרה אתמול תקציב חדש לשיפוץ בתי הספר בעיר."),
    ("yo", "Ìjọba ìpínlẹ̀ Èkó ti fọwọ́ sí ìsúná tuntun fún àtúnṣe àwọn ilé ìwé ní gbogbo ìlú."),
    # headlines
    ("fr", "Le prix du riz augmente en mai"),
    ("de", "Neue Brücke über den Fluss eröffnet"),
    ("es", "Suben los precios de la gasolina"),
    ("zh", "河内新地铁线开通"),
    ("ja", "ハノイで新しい地下鉄が開通"),
    ("ko", "하노이 새 지하철 개통"),
    ("ru", "В Ханое открылась новая линия метро"),
    ("th", "ราคาข้าวสูงขึ้นในเดือนพฤษภาคม"),
    # French full of Vietnamese names
    ("fr", ("Nguyễn Mạnh Quyền, vice-président du comité populaire de Hà Nội, a annoncé que le district de "
           "Đống Đa terminerait les travaux avant la fin de l'année.")),
]

CASES = ([("vi", t) for t in VI_MIXED + VI_SHORT + VI_PLAIN] + [("en", t) for t in EN_NAMES + EN_SHORT]
         + OTHER)


@pytest.mark.parametrize("expected,text", CASES, ids=[f"{c}:{t[:30]}" for c, t in CASES])
def test_guess_language(expected, text):
    assert guess_language(text) == expected


@pytest.mark.parametrize("text", ["", "   \n\t", "2024", "5%", "12.5% 3,400 - 1/7/2024", "— … ! ?"])
def test_no_letters_is_the_default(text):
    assert guess_language(text) == DEFAULT_LANGUAGE == "en"
    assert normalize_language(None, text) == "en"
    assert normalize_language("vi", text) == "vi"


def test_decomposed_vietnamese():
    text = "Giá xăng tăng mạnh từ hôm nay, người dân đổ xô đi đổ đầy bình"
    assert guess_language(unicodedata.normalize("NFD", text)) == "vi"
    assert guess_language(unicodedata.normalize("NFD", EN_NAMES[0])) == "en"


def _article(sentences, n=5000):
    text, i = "", 0
    while len(text) < n:
        text += sentences[i % len(sentences)] + " "
        i += 1
    return text[:n]


def test_long_articles():
    assert guess_language(_article(VI_MIXED)) == "vi"
    assert guess_language(_article(EN_NAMES)) == "en"
    # only the first part of a long text is read
    assert guess_language(_article(VI_MIXED) + _article(EN_NAMES) * 4) == "vi"


def test_fast_enough():
    vi, en = _article(VI_MIXED), _article(EN_NAMES)
    guess_language(en)  # loads the model
    start = time.perf_counter()
    for _ in range(50):
        guess_language(vi)
        guess_language(en)
    per_call = (time.perf_counter() - start) / 100
    assert per_call < 0.005     # ~0.3 ms here; loose for slow CI machines


@pytest.mark.parametrize("code,expected", [
    ("en-US", "en"), ("vi_VN", "vi"), ("VI", "vi"), (" en ", "en"), ("zh-Hans-CN", "zh"),
    ("eng", "en"), ("vie", "vi"), ("fre", "fr"), ("iw", "he"), ("fil", "fil"),
    ("und", None), ("mul", None), ("x-default", None), ("", None), (None, None), ("english", None),
])
def test_language_code(code, expected):
    assert language_code(code) == expected


VI_PAGE = " ".join(VI_MIXED[:3])
EN_PAGE = " ".join(EN_NAMES[:3])
FR_PAGE = OTHER[0][1] + " Les travaux commenceront au printemps et dureront environ deux ans, selon la mairie."
RU_PAGE = OTHER[7][1] + " Работы начнутся весной и продлятся около двух лет, сообщили в мэрии."


@pytest.mark.parametrize("declared,text,expected", [
    # no declaration: the text decides
    (None, VI_PAGE, "vi"), (None, EN_PAGE, "en"), ("junk!", EN_PAGE, "en"), ("und", VI_PAGE, "vi"),
    # the declaration agrees with the text
    ("vi", VI_PAGE, "vi"), ("en-US", EN_PAGE, "en"), ("vi-VN", VI_SHORT[0], "vi"),
    # the text clearly contradicts it: a Vietnamese page with a CMS's lang="en", and the reverse
    ("en", VI_PAGE, "vi"), ("en-US", VI_MIXED[4], "vi"), ("vi", EN_PAGE, "en"),
    ("en", FR_PAGE, "fr"), ("vi", RU_PAGE, "ru"),
    # English full of Vietnamese names does not contradict lang="en"
    ("en", EN_NAMES[3], "en"), ("en", EN_NAMES[9], "en"),
    # too short to judge: the declaration stands
    ("en", VI_SHORT[0], "en"), ("vi", EN_SHORT[0], "vi"), ("en", OTHER[0][1], "en"),
    ("en", "", "en"), ("vi", "2024", "vi"),
    # close siblings do not overrule each other
    ("ms", OTHER[3][1], "ms"), ("nb", ("Bystyret vedtok i går et nytt budsjett for oppussing av "
                                     "skolene i hele byen, og arbeidet starter neste måned."), "nb"),
])
def test_normalize_language(declared, text, expected):
    assert normalize_language(declared, text) == expected
