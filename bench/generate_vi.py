"""Synthetic Vietnamese articles in the kinhtedothi.vn layout, for `python bench/generate.py OUT -n N --lang vi`.

Same genre and shape as the English generator (generate.py): district and city reports, Party inspection,
citizen reception and petitions, budget, public investment, land clearance, administrative reform, new
rural areas and infrastructure, 200-2,000 words (whitespace tokens, as in generate.py), every kind of fact
through 52 sentence templates (40 with figures, 12 without). Figures are written the Vietnamese way: dot
thousands and comma decimals ("176.737 tỷ đồng", "7,6%", "4,6 nghìn tỷ đồng"), ratios "122/161 nhiệm vụ",
ranks "xếp thứ 3/30 quận, huyện, thị xã", day-first dates ("ngày 7/8/2023", "15-8", "26.7.2016"), periods
("6 tháng đầu năm 2024", "quý I/2025", "nhiệm kỳ 2020-2025", "từ đầu năm đến nay"), officials ("Bí thư
Quận ủy Ba Đình Nguyễn Văn Hùng", "ông Lê Văn Sơn, Phó Chủ tịch UBND huyện Sóc Sơn,") and documents
("Chỉ thị số 24-CT/TU", "Quyết định số 2618/QĐ-UBND ngày 28/6/2016"), next to numbers that are not facts
(clock times "8 giờ", "kỳ họp thứ 12", "quốc lộ 1A", "số 34 Lý Thái Tổ"). Articles published from
1 July 2025 name the new two-level wards and communes (phường, xã; Đảng ủy phường ...) instead of
districts. Article i depends only on (seed, i). All text is NFC.
"""
from __future__ import annotations

import html
import random
import unicodedata
from datetime import datetime, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7))
KT = "https://kinhtedothi.vn"
TWO_LEVEL_FROM = datetime(2025, 7, 1, tzinfo=VN_TZ)
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
ROMAN = ["I", "II", "III", "IV"]
NUM_WORDS = ["hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"]

# (name, kind): the districts before 1 July 2025, the wards and communes after.
DISTRICTS = [("Ba Đình", "quận"), ("Hoàn Kiếm", "quận"), ("Đống Đa", "quận"), ("Hai Bà Trưng", "quận"),
             ("Long Biên", "quận"), ("Cầu Giấy", "quận"), ("Tây Hồ", "quận"), ("Thanh Xuân", "quận"),
             ("Hoàng Mai", "quận"), ("Hà Đông", "quận"), ("Nam Từ Liêm", "quận"), ("Bắc Từ Liêm", "quận"),
             ("Sóc Sơn", "huyện"), ("Đông Anh", "huyện"), ("Gia Lâm", "huyện"), ("Mê Linh", "huyện"),
             ("Chương Mỹ", "huyện"), ("Thạch Thất", "huyện"), ("Quốc Oai", "huyện"), ("Ba Vì", "huyện"),
             ("Phúc Thọ", "huyện"), ("Đan Phượng", "huyện"), ("Hoài Đức", "huyện"), ("Thanh Oai", "huyện"),
             ("Mỹ Đức", "huyện"), ("Ứng Hòa", "huyện"), ("Thường Tín", "huyện"), ("Phú Xuyên", "huyện"),
             ("Thanh Trì", "huyện"), ("Sơn Tây", "thị xã")]
WARDS = [("Hoàn Kiếm", "phường"), ("Ba Đình", "phường"), ("Cầu Giấy", "phường"), ("Đống Đa", "phường"),
         ("Hai Bà Trưng", "phường"), ("Long Biên", "phường"), ("Tây Hồ", "phường"), ("Thanh Xuân", "phường"),
         ("Hoàng Mai", "phường"), ("Hà Đông", "phường"), ("Sơn Tây", "phường"), ("Đông Anh", "xã"),
         ("Sóc Sơn", "xã"), ("Gia Lâm", "xã"), ("Thanh Trì", "xã"), ("Mê Linh", "xã"), ("Ba Vì", "xã"),
         ("Thường Tín", "xã"), ("Phú Xuyên", "xã"), ("Thạch Thất", "xã"), ("Quốc Oai", "xã"),
         ("Đan Phượng", "xã"), ("Hoài Đức", "xã"), ("Phúc Thọ", "xã"), ("Ứng Hòa", "xã"), ("Mỹ Đức", "xã")]
PARTY = {"quận": "Quận ủy", "huyện": "Huyện ủy", "thị xã": "Thị ủy"}
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
            "Lương", "Trịnh", "Đào"]
MIDDLE = ["Văn", "Thị", "Quốc", "Minh", "Thanh", "Đức", "Hữu", "Ngọc", "Hồng", "Xuân", "Đình", "Thu"]
GIVEN = ["Hùng", "Lan", "Phong", "Thủy", "Sơn", "Hương", "Tuấn", "Hà", "Long", "Dũng", "Vinh", "Hiền",
         "Quang", "Anh", "Trang", "Hải", "Châu", "Bình", "Khoa", "Nam", "Tín", "Thắng"]
CITY_TITLES = ["Giám đốc Sở Tài chính Hà Nội", "Phó Giám đốc Sở Tài chính Hà Nội",
               "Giám đốc Sở Kế hoạch và Đầu tư Hà Nội", "Giám đốc Sở Xây dựng Hà Nội",
               "Phó Chủ tịch UBND TP Hà Nội", "Chánh Thanh tra thành phố Hà Nội",
               "Giám đốc Sở Nội vụ Hà Nội", "Cục trưởng Cục Thống kê TP Hà Nội",
               "Phó Trưởng ban Thường trực Ban Tổ chức Thành ủy Hà Nội"]
# (kind, type suffix, Party numbering "24-CT/TU" rather than state numbering "2618/QĐ-UBND")
DOC_TYPES = [("Quyết định", "QĐ-UBND", False), ("Kế hoạch", "KH-UBND", False), ("Chỉ thị", "CT-UBND", False),
             ("Nghị quyết", "NQ-HĐND", False), ("Công văn", "UBND-KT", False), ("Chỉ thị", "CT/TU", True),
             ("Kết luận", "KL/TU", True), ("Nghị quyết", "NQ/QU", True), ("Kế hoạch", "KH/HU", True),
             ("Quy định", "QĐ/TU", True)]
TOPICS = ["budget", "investment", "inspection", "petitions", "clearance", "reform", "rural", "infrastructure"]
NOUNS = {
    "budget": ["doanh nghiệp", "hộ kinh doanh", "khoản thu", "tờ khai thuế", "hóa đơn điện tử"],
    "investment": ["dự án", "gói thầu", "công trình", "chủ đầu tư", "nhà thầu"],
    "inspection": ["đảng viên", "tổ chức đảng", "chi bộ", "cuộc kiểm tra", "đơn tố cáo"],
    "petitions": ["lượt công dân", "đơn thư", "vụ việc", "kiến nghị", "đoàn đông người"],
    "clearance": ["hộ dân", "thửa đất", "hộ gia đình", "công trình", "ngôi mộ"],
    "reform": ["hồ sơ", "thủ tục hành chính", "dịch vụ công trực tuyến", "cán bộ, công chức", "giao dịch"],
    "rural": ["thôn", "sản phẩm OCOP", "hợp tác xã", "mô hình sản xuất", "trang trại"],
    "infrastructure": ["tuyến đường", "cây cầu", "trường học", "công trình", "trạm bơm"],
}
HEADLINES = {
    "budget": "{n}: Thu ngân sách {p} đạt {a} tỷ đồng",
    "investment": "{U} giải ngân vốn đầu tư công {p} đạt {x}%",
    "inspection": "{n}: Kỷ luật {k} đảng viên trong {p}",
    "petitions": "{U} giải quyết {x}% đơn thư thuộc thẩm quyền",
    "clearance": "{U} bàn giao {h} ha mặt bằng dự án Vành đai 4",
    "reform": "{U} xếp thứ {k}/{peers} về chỉ số cải cách hành chính",
    "rural": "{U} có thêm {k} thôn đạt chuẩn nông thôn mới kiểu mẫu",
    "infrastructure": "{U} khởi công {k} công trình, tổng vốn hơn {a} tỷ đồng",
}
SUBHEADS = ["Nhiều chỉ tiêu vượt kế hoạch", "Nhiệm vụ trọng tâm thời gian tới", "Kết quả bước đầu",
            "Mục tiêu năm {y}", "Khó khăn, vướng mắc còn tồn tại"]
CAPTIONS = ["Quang cảnh hội nghị", "Lãnh đạo địa phương kiểm tra tiến độ công trình",
            "Người dân làm thủ tục tại bộ phận một cửa", "Một góc đường giao thông nông thôn",
            "Công trường thi công dự án trọng điểm"]
STREETS = ["Lý Thái Tổ", "Hàng Trống", "Cầu Giấy", "Trần Phú", "Nguyễn Trãi", "Quang Trung", "Lê Lợi"]
ROADS = ["1A", "2", "3", "6", "21B", "32"]
FILLER = [
    "Hội nghị có sự tham dự của đại diện các sở, ban, ngành và địa phương.",
    "Lãnh đạo địa phương cho rằng kết quả trên có được là nhờ sự vào cuộc của cả hệ thống chính trị.",
    "Người dân đánh giá thủ tục hành chính ngày càng đơn giản, thuận tiện hơn trước.",
    "Thời gian tới, địa phương sẽ tiếp tục rà soát và báo cáo thành phố kết quả thực hiện.",
    "Một số đơn vị vẫn còn chậm trễ trong việc hoàn thành nhiệm vụ được giao.",
    "Doanh nghiệp kiến nghị cần có hướng dẫn rõ hơn về đất đai, thuế và thủ tục đầu tư.",
    "Thành phố xác định chuyển đổi số là động lực quan trọng cho tăng trưởng trong những năm tới.",
    "Các chuyên gia nhận định số liệu trên cho thấy đà phục hồi rõ nét của kinh tế địa phương.",
    "Nhiều thôn đã vận động nhân dân hiến đất, góp công làm đường giao thông nông thôn.",
    "Đoàn công tác cũng đã kiểm tra thực tế một số công trình trọng điểm trên địa bàn.",
    "Công tác giải phóng mặt bằng còn nhiều khó khăn, nhất là ở những dự án liên quan đến nhiều hộ dân.",
    "Ban chỉ đạo yêu cầu các cơ quan tăng cường phối hợp, chia sẻ dữ liệu kịp thời.",
]
N_FACT_TEMPLATES = 40


def num(n: int) -> str:
    """12345 -> '12.345' (dot thousands)."""
    return f"{n:,}".replace(",", ".")


def dec(v: float) -> str:
    """7.6 -> '7,6' (comma decimal); whole values without decimals."""
    return str(int(v)) if float(v).is_integer() else str(v).replace(".", ",")


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def ascii_slug(s: str) -> str:
    s = s.replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return "-".join("".join(c if c.isalnum() else " " for c in s.lower()).split())


class GenVi:
    """Vietnamese sentence templates filled from one article's random state."""

    def __init__(self, rng: random.Random, year: int, month: int, unit: tuple[str, str], topic: str):
        self.r, self.year, self.month, self.topic = rng, year, month, topic
        self.name, self.kind = unit
        self.new = self.kind in ("phường", "xã")
        self.u = f"{self.kind} {self.name}"                     # "quận Ba Đình", "phường Hoàn Kiếm"
        self.ubnd = f"UBND {self.u}"
        self.party = f"Đảng ủy {self.u}" if self.new else f"{PARTY[self.kind]} {self.name}"
        self.peers = "126 xã, phường" if self.new else "30 quận, huyện, thị xã"
        self.noun = lambda: rng.choice(NOUNS[topic])

    # --- figures ------------------------------------------------------------------------
    def int_(self, lo: int, hi: int) -> str:
        return num(self.r.randint(lo, hi))

    def pct(self) -> str:
        return f"{dec(round(self.r.uniform(0.5, 99.5), self.r.choice([0, 1, 1, 2])))}%"

    def money(self) -> str:
        r = self.r
        return r.choice([f"{num(r.randint(100, 99_000))} tỷ đồng", f"{dec(round(r.uniform(1, 900), 1))} tỷ đồng",
                         f"{dec(round(r.uniform(1, 60), 1))} nghìn tỷ đồng", f"{r.randint(2, 900)} triệu đồng",
                         f"{dec(round(r.uniform(1, 500), 1))} triệu USD", f"hơn {r.randint(10, 999)} tỷ đồng",
                         f"{num(r.randint(1000, 90_000))} triệu đồng"])

    def income(self) -> str:
        return f"{dec(round(self.r.uniform(40, 110), 1))} triệu đồng"

    def person(self) -> tuple[str, str]:
        r = self.r
        middle = r.choice(MIDDLE)
        return f"{r.choice(SURNAMES)} {middle} {r.choice(GIVEN)}", ("bà" if middle == "Thị" else "ông")

    def official(self, comma: bool = False) -> str:
        """'Bí thư Quận ủy Ba Đình Nguyễn Văn Hùng' or 'ông Lê Văn Sơn, Phó Chủ tịch UBND huyện Sóc Sơn,'."""
        r = self.r
        title = r.choice([f"Chủ tịch {self.ubnd}", f"Phó Chủ tịch {self.ubnd}", f"Bí thư {self.party}",
                          f"Phó Bí thư Thường trực {self.party}", f"Chủ nhiệm Ủy ban Kiểm tra {self.party}",
                          r.choice(CITY_TITLES)])
        name, honorific = self.person()
        if r.random() < 0.5:
            return f"{title} {name}" + ("," if comma else "")
        return f"{honorific} {name}, {title},"

    def day_month(self) -> tuple[int, int]:
        return self.r.randint(1, 28), self.r.randint(1, 12)

    def date(self) -> str:
        r = self.r
        d, m = self.day_month()
        y = self.year
        return r.choice([f"ngày {d}/{m}/{y}", f"ngày {d}/{m}", f"ngày {d:02d}/{m:02d}/{y}", f"ngày {d}-{m}",
                         f"ngày {d}.{m}.{y}", f"cuối tháng {m}/{y}", f"ngày {d} tháng {m} năm {y}"])

    def period(self) -> str:
        r = self.r
        k = max(3, min(11, self.month - 1))
        y = self.year
        start = r.randint(1, 6)
        plan = y - (y - 1) % 5                                  # five-year plans: 2016-2020, 2021-2025, ...
        return r.choice([f"{k} tháng đầu năm {y}", f"6 tháng đầu năm {y}", f"quý {ROMAN[r.randint(0, 3)]}/{y}",
                         "từ đầu năm đến nay", f"giai đoạn {plan} - {plan + 4}",
                         "nhiệm kỳ 2015-2020" if y < 2021 else "nhiệm kỳ 2020-2025",
                         f"từ tháng {start} đến tháng {r.randint(start + 1, 12)}/{y}", f"năm {y - 1}",
                         f"{k} tháng năm {y}"])

    def in_period(self) -> str:
        """'trong 6 tháng đầu năm 2024', but 'từ đầu năm đến nay' as it is."""
        p = self.period()
        return p if p.startswith("từ ") else f"trong {p}"

    def document(self) -> str:
        r = self.r
        kind, suffix, party = r.choice(DOC_TYPES)
        number = f"{r.randint(1, 99)}-{suffix}" if party else f"{r.randint(10, 9999)}/{suffix}"
        issued = ""
        if r.random() < 0.45:
            d, m = self.day_month()
            y = self.year - r.randint(0, 3)
            issued = r.choice([f" ngày {d}/{m}/{y}", f" ngày {d:02d}/{m:02d}/{y}", f" ngày {d}.{m}.{y}"])
        return f"{kind} {r.choice(['số ', 'số ', ''])}{number}{issued}"

    def area(self) -> str:
        r = self.r
        return r.choice([f"{dec(round(r.uniform(0.5, 400), 1))} ha", f"khoảng {r.randint(2, 900)} ha",
                         f"{num(r.randint(1000, 90_000))} m2"])

    def length(self) -> str:
        return f"{dec(round(self.r.uniform(0.3, 60), 1))} km"

    def duration(self) -> str:
        r = self.r
        return r.choice([f"{r.randint(2, 45)} ngày làm việc", f"hơn {r.randint(2, 48)} tháng", f"{r.randint(2, 20)} ngày"])

    def volume(self) -> str:
        return f"{num(self.r.randint(1000, 50_000))} m3"

    def ratio(self) -> str:
        r = self.r
        den = r.randint(10, 2000)
        part = r.randint(1, den)
        return r.choice([f"{num(part)}/{num(den)} {self.noun()}", f"{num(part)} trên tổng số {num(den)} {self.noun()}",
                         f"{num(part)}/{num(den)} {self.noun()}"])

    def rank(self) -> str:
        r = self.r
        n = r.randint(1, 30)
        return r.choice([f"xếp thứ {n}/{self.peers}", f"đứng thứ {n} toàn thành phố", f"xếp thứ {n}/63 tỉnh, thành phố",
                         f"xếp vị trí thứ {n} trong {self.peers}", "xếp thứ nhất toàn thành phố"])

    def count(self) -> str:
        r = self.r
        return r.choice([f"{num(r.randint(2, 9000))} {self.noun()}", f"{r.choice(NUM_WORDS)} {self.noun()}",
                         f"hơn {num(r.randint(10, 50_000))} {self.noun()}", f"gần {r.randint(10, 900)} {self.noun()}"])

    # --- sentences ----------------------------------------------------------------------
    def sentence(self) -> str:
        r, u, y = self.r, self.u, self.year
        t = r.randrange(N_FACT_TEMPLATES + len(FILLER))   # 40..51: a sentence without facts
        if t == 0:
            return f"{cap(self.period())}, tổng thu ngân sách trên địa bàn {u} ước đạt {self.money()}, bằng {self.pct()} dự toán."
        if t == 1:
            return f"{cap(self.official())} cho biết, {u} đã hoàn thành {self.ratio()}, đạt {self.pct()}."
        if t == 2:
            return f"Tính đến {self.date()}, thành phố đã giải ngân {self.money()}, tăng {self.pct()} so với cùng kỳ."
        if t == 3:
            return (f"Chỉ số cải cách hành chính năm {y - 1} của {u} {self.rank()}, tăng "
                    f"{r.randint(1, 9)},{r.randint(1, 99)} điểm so với năm trước.")
        if t == 4:
            return f"Theo {self.document()}, {u} phải bàn giao {self.area()} mặt bằng cho dự án trước {self.date()}."
        if t == 5:
            return f"Đoàn kiểm tra đã làm việc với {self.count()} và phát hiện sai phạm tại {self.count()}."
        if t == 6:
            return (f"{cap(self.official())} đề nghị các đơn vị thực hiện nghiêm {self.document()} và báo cáo kết quả "
                    f"trước {self.date()}.")
        if t == 7:
            return f"Có {self.count()} tham gia, trong đó {self.ratio()} đạt yêu cầu."
        if t == 8:
            return f"Tổng vốn đăng ký đạt {self.money()}, trong khi {self.count()} đã hoạt động trở lại {self.in_period()}."
        if t == 9:
            return f"Dự án có diện tích {self.area()}, dự kiến thi công trong {self.duration()}."
        if t == 10:
            return f"Tỷ lệ hồ sơ được giải quyết đúng hạn đạt {self.pct()}; {self.ratio()} được nộp trực tuyến."
        if t == 11:
            return f"{cap(self.in_period())}, {u} {self.rank()} về chỉ số năng lực cạnh tranh."
        if t == 12:
            return f"Theo {self.official(comma=True)} toàn ngành đã thu {self.money()} {self.in_period()}."
        if t == 13:
            d, m = self.day_month()
            return f"{r.choice(['Sáng', 'Chiều', 'Ngày'])} {d}/{m}, đoàn công tác đã làm việc với {self.count()} tại {u}."
        if t == 14:
            return f"Tổng mức bán lẻ hàng hóa tăng {self.pct()}, đạt {self.money()}; kim ngạch xuất khẩu tăng {self.pct()}."
        if t == 15:
            return f"Kế hoạch đặt mục tiêu đạt {self.pct()} {self.in_period()}, theo yêu cầu tại {self.document()}."
        if t == 16:
            return f"{cap(u)} đã tiếp nhận {self.count()}, giải quyết {self.ratio()} trong thời hạn {self.duration()}."
        if t == 17:
            return f"Thu tiền sử dụng đất mới đạt {self.money()}, bằng {self.pct()} dự toán năm."
        if t == 18:
            return f"Tại buổi làm việc {self.date()}, {self.official()} biểu dương những kết quả {u} đạt được."
        if t == 19:
            return f"Tốc độ tăng trưởng kinh tế {self.period()} đạt {self.pct()}, {self.rank()}."
        if t == 20:
            return (f"Địa phương đã xây mới {self.length()} đường giao thông, nạo vét {self.volume()} bùn đất và "
                    f"trồng mới {self.int_(200, 20_000)} cây xanh {self.in_period()}.")
        if t == 21:
            den = r.randint(12, 40)
            return (f"{r.randint(1, den)}/{den} chỉ tiêu kinh tế - xã hội đã đạt và vượt kế hoạch, tổng chi ngân sách "
                    f"đạt {self.money()}.")
        if t == 22:
            return f"{self.document()} được ban hành nhằm hướng dẫn {self.count()} {self.in_period()}."
        if t == 23:
            return f"{cap(self.official())} yêu cầu hoàn thành giải phóng mặt bằng {self.area()} còn lại trước {self.date()}."
        if t == 24:
            return (f"{cap(self.in_period())}, cấp ủy các cấp đã kiểm tra {self.count()} và giám sát chuyên đề "
                    f"{self.count()}; {self.ratio()} được kết luận thực hiện tốt.")
        if t == 25:
            a, b, c = r.randint(1, 30), r.randint(1, 12), r.randint(1, 5)
            return (f"Đã thi hành kỷ luật {a + b + c} đảng viên, trong đó khiển trách {a}, cảnh cáo {b} và khai trừ "
                    f"{c} trường hợp.")
        if t == 26:
            return (f"Lãnh đạo {u} đã tiếp {self.int_(20, 3000)} lượt công dân, giảm {self.pct()} so với cùng kỳ "
                    f"năm {y - 1}.")
        if t == 27:
            den = r.randint(5, 60)
            return (f"{cap(u)} có {r.randint(1, den)}/{den} thôn đạt chuẩn nông thôn mới nâng cao, thu nhập bình quân đầu người đạt "
                    f"{self.income()}/năm.")
        if t == 28:
            return (f"Hội nghị khai mạc lúc {r.randint(7, 15)} giờ tại hội trường {self.ubnd}, với "
                    f"{self.int_(60, 600)} đại biểu tham dự.")
        if t == 29:
            return (f"Tại kỳ họp thứ {r.randint(2, 30)}, HĐND thành phố đã thông qua {self.document()}, với tổng vốn "
                    f"{self.money()}.")
        if t == 30:
            return (f"Dự án mở rộng quốc lộ {r.choice(ROADS)} đoạn qua {u} dài {dec(round(r.uniform(1, 30), 1))} km, "
                    f"tổng mức đầu tư {self.money()}.")
        if t == 31:
            return (f"Bộ phận một cửa đặt tại số {r.randint(2, 200)} {r.choice(STREETS)}, đã tiếp nhận {self.count()} "
                    f"{self.in_period()}.")
        if t == 32:
            return (f"Giá trị sản xuất công nghiệp - xây dựng tăng {self.pct()}, thương mại - dịch vụ tăng {self.pct()}, "
                    f"nông nghiệp tăng {self.pct()}.")
        if t == 33:
            return (f"Từ {self.date()} đến nay, {u} đã xử lý {r.randint(5, 400)} trường hợp vi phạm trật tự xây dựng, "
                    f"xử phạt {r.choice([f'{dec(round(r.uniform(0.1, 9.9), 1))} tỷ đồng', f'{r.randint(20, 990)} triệu đồng'])}.")
        if t == 34:
            return (f"Thực hiện {self.document()}, {self.party} đã thành lập {r.choice(NUM_WORDS)} đoàn kiểm tra, giám sát "
                    f"đối với {self.count()}.")
        if t == 35:
            return f"Tổng mức đầu tư của dự án là {self.money()}, trong đó vốn ngân sách thành phố chiếm {self.pct()}."
        if t == 36:
            return f"Với kết quả này, {u} {self.rank()}, tăng {r.randint(1, 9)} bậc so với năm {y - 1}."
        if t == 37:
            return f"Đến {self.date()}, {u} đã chi trả bồi thường {self.money()} cho {self.count()}, đạt {self.pct()} kế hoạch."
        if t == 38:
            return f"{cap(self.period())}, tỷ lệ hộ nghèo của {u} giảm còn {self.pct()}; {self.count()} đã thoát nghèo."
        if t == 39:
            return f"Theo báo cáo, {u} đã số hóa {self.int_(1000, 400_000)} hồ sơ, đạt {self.pct()} kế hoạch năm {y}."
        return FILLER[t - N_FACT_TEMPLATES]

    def headline(self, period_name: str) -> str:
        r = self.r
        return HEADLINES[self.topic].format(
            n=self.name, U=cap(self.u), p=period_name, a=num(r.randint(100, 30_000)),
            x=dec(round(r.uniform(20, 99.9), 1)), k=r.randint(2, 30), h=dec(round(r.uniform(2, 300), 1)),
            peers="126" if self.new else "30")


def make_article_vi(seed: int, i: int) -> dict:
    """Article i: url, site, title, lead (with its 'Kinhtedothi - '), published, author, paragraphs,
    subheads (indexes into paragraphs), caption, related titles, meta (article:published_time present)."""
    r = random.Random(f"{seed}:vi:{i}")
    topic = r.choice(TOPICS)
    published = datetime(2019, 1, 1, tzinfo=VN_TZ) + timedelta(days=r.randint(0, 7 * 365 - 1),
                                                                   minutes=r.randint(6 * 60, 22 * 60))
    unit = r.choice(WARDS if published >= TWO_LEVEL_FROM else DISTRICTS)
    g = GenVi(r, published.year, published.month, unit, topic)
    pname = f"{max(3, min(11, published.month - 1))} tháng đầu năm {published.year}"
    title = g.headline(pname)
    # Lengths 200-2,000 words, skewed towards shorter pieces, as in generate.py.
    target = int(200 + 1700 * r.random() ** 1.6)
    paragraphs: list[str] = []
    subheads: list[int] = []
    words = 0
    while words < target:
        para = " ".join(g.sentence() for _ in range(r.randint(2, 5)))
        if r.random() < 0.08 and paragraphs:
            subheads.append(len(paragraphs))
            paragraphs.append(r.choice(SUBHEADS).format(y=published.year + 1))
        paragraphs.append(para)
        words += len(para.split())
    lead = (f"Kinhtedothi - {cap(g.period())}, {g.u} ghi nhận {g.count()} và {g.money()}, theo báo cáo của "
            f"{g.ubnd}.")
    author = g.person()[0]
    caption = f"{r.choice(CAPTIONS)} tại {g.u}. Ảnh: {author}"
    related = [GenVi(r, published.year, published.month, r.choice(DISTRICTS), r.choice(TOPICS)).headline(pname)
               for _ in range(2)]
    meta = r.random() < 0.5
    slug = ascii_slug(title)[:80].rstrip("-")
    url = f"{KT}/{slug}-{700000 + i}.html"
    return dict(id=f"syn-vi-{i:06d}", url=url, site="kinhtedothi", title=title, lead=lead, published=published,
                author=author, paragraphs=paragraphs, subheads=subheads, caption=caption, related=related,
                meta=meta)


def _e(s: str, quote: bool = False) -> str:
    return html.escape(s, quote=quote)


def kinhtedothi_html(a: dict) -> str:
    """The 2025 kinhtedothi.vn layout, as in corpus/snapshot/kinhtedothi.vn: a photo after the first
    paragraph and a 'Tin liên quan' box after the third, both inside the body container."""
    p = a["published"]
    img = f"https://resource.kinhtedothi.vn/{p.strftime('%Y/%m/%d')}/{a['id']}.jpg"
    heads = set(a["subheads"])
    body = []
    for k, x in enumerate(a["paragraphs"]):
        if k == 1:
            body.append(f'<figure class="expNoEdit"><img src="{img}" alt="{_e(a["title"], True)}">'
                        f'<figcaption>{_e(a["caption"])}</figcaption></figure>')
        if k == 3:
            items = "".join(f'<li><a href="{KT}/{ascii_slug(t)}.html">{_e(t)}</a></li>' for t in a["related"])
            body.append(f'<div class="box-related"><div class="box-related__title">Tin liên quan</div><ul>{items}</ul></div>')
        body.append(f"<h2>{_e(x)}</h2>" if k in heads else f"<p>{_e(x)}</p>")
    meta = f'\n<meta property="article:published_time" content="{p.isoformat()}">' if a["meta"] else ""
    body_html = "\n".join(body)
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{_e(a['title'])}</title>
<meta name="description" content="{_e(a['lead'], True)}">
<link rel="canonical" href="{a['url']}">
<meta property="og:type" content="article">
<meta property="og:locale" content="vi_VN">
<meta property="og:title" content="{_e(a['title'], True)}">
<meta property="og:url" content="{a['url']}">{meta}
</head>
<body>
<div class="header">
  <div class="header__top"><a href="{KT}/" class="logo">Kinh tế &amp; Đô thị</a> <a href="{KT}/tim-kiem">Tìm kiếm</a></div>
  <nav class="menu"><ul><li><a href="{KT}/thoi-su">Thời sự</a></li><li><a href="{KT}/chinh-tri">Chính trị</a></li><li><a href="{KT}/kinh-te">Kinh tế</a></li></ul></nav>
</div>
<main class="main"><div class="container">
  <div class="article">
    <h1 class="article-title">{_e(a['title'])}</h1>
    <div class="article-meta"><div class="article-published-on">{WEEKDAYS[p.weekday()]}, {p.strftime('%H:%M %d/%m/%Y')}</div></div>
    <h2 class="sapo_detail">{_e(a['lead'])}</h2>
    <div class="article-content" itemprop="articleBody">
{body_html}
    </div>
    <div class="article-author"><span class="detail__author">{_e(a['author'])}</span></div>
    <div class="article-share">Chia sẻ: <a href="#">Facebook</a> <a href="#">Zalo</a></div>
  </div>
</div></main>
<footer class="footer"><p>Cơ quan chủ quản: UBND TP Hà Nội.</p></footer>
</body>
</html>
"""
