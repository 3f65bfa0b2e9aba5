"""What each figure is about (extractors/about.py, extractors/measure/): reference period, place, measure."""
import datetime

from extractors import extract_facts

PUB = datetime.date(2024, 7, 31)


def figure(facts, text):
    (f,) = [f for f in facts if f.text == text]
    return f


def test_reference_period_from_the_clause():
    facts = extract_facts("In the first 6 months of 2024, Dong Da district disciplined 15 Party members. "
                          "Its 2023 administrative reform index was 96.38%. Up to now, it has completed "
                          "133/155 tasks. Revenue rose 5% compared with 2023.", PUB)
    f = figure(facts, "15 Party members")
    assert (f.ref_start, f.ref_end) == ("2024-01-01", "2024-06-30")
    assert f.measure == "Party members disciplined" and f.measure_key == "party_members_disciplined"
    assert (f.place, f.place_level) == ("Dong Da", "district")
    f = figure(facts, "96.38%")
    assert (f.ref_start, f.ref_end) == ("2023-01-01", "2023-12-31")
    assert "administrative reform index" in f.measure and f.measure_key == "par_index"
    f = figure(facts, "133/155 tasks")
    assert (f.ref_start, f.ref_end) == (None, "2024-07-31")   # "up to now": to the publication day
    f = figure(facts, "5%")
    assert (f.ref_start, f.ref_end) == (None, None)            # 2023 is the baseline, not its period


def test_a_document_date_governs_nothing_and_by_gives_only_the_end():
    facts = extract_facts("Under Directive No. 24-CT/TU dated August 7, 2023, the ward received 40 petitions. "
                          "By the end of June 2024, it had settled 38 petitions.", PUB)
    assert figure(facts, "40 petitions").ref_start is None
    f = figure(facts, "38 petitions")
    assert (f.ref_start, f.ref_end) == (None, "2024-06-30")


def test_vietnamese_figures_with_place_and_period():
    text = ("Quận Hoàn Kiếm giải quyết 96% đơn thư\n"
            "Trong 6 tháng đầu năm 2024, Ủy ban kiểm tra quận đã kỷ luật 7 đảng viên. "
            "Tổng thu ngân sách trên địa bàn huyện Sóc Sơn ước đạt 2.105 tỷ đồng, bằng 81,3% dự toán.")
    facts = extract_facts(text, PUB, lang="vi")
    f = figure(facts, "7 đảng viên")
    assert (f.ref_start, f.ref_end) == ("2024-01-01", "2024-06-30")
    assert f.measure == "đảng viên kỷ luật" and f.measure_key == "party_members_disciplined"
    assert (f.place, f.place_level) == ("Hoàn Kiếm", "district")   # the article's place, from its headline
    money = figure(facts, "2.105 tỷ đồng")
    assert (money.place, money.place_level) == ("Sóc Sơn", "district")   # named in its own sentence
    assert money.measure == "thu ngân sách" and money.measure_key == "budget_revenue"
    assert figure(facts, "81,3%").measure_key == "budget_revenue"


def test_dates_and_officials_carry_no_analysis_fields():
    for f in extract_facts("On May 5, 2024, Chairman Nguyen Van An said Hanoi had 30 districts.", PUB):
        if f.kind in ("date", "official"):
            assert (f.measure, f.place, f.ref_start, f.ref_end) == (None, None, None, None)


def places(facts):
    return {f.text: (f.place, f.place_level) for f in facts if f.place}


def test_place_an_address_a_list_and_the_city():
    got = places(extract_facts(
        "Hanoi collects VND 1 trillion from land auctions\n"
        "Dong Da district, Hanoi collected VND 500 billion in the first half. "
        "Projects in Tay Ho and Ba Dinh districts recorded asking prices of up to VND 150 million per m2. "
        "In 2020, 17 winners in three districts gave up their plots.", PUB))
    assert got["VND 500 billion"] == ("Dong Da", "district")          # "Hanoi" is Dong Da's address
    assert got["up to VND 150 million per m2"] == ("Hanoi", "province")  # units listed: the city they lie in
    assert got["17 winners"] == ("Hanoi", "province")                 # in units counted after it
    got = places(extract_facts(
        "Me Linh farmers earn more from flowers\n"
        "Me Linh district, known as the flower capital of Hanoi, now has 2,450 ha of flowers. "
        "The city supports 50% of the cost of greenhouses. The district issued green passes to 212 vehicles.", PUB))
    assert got["2,450 ha"] == ("Me Linh", "district")                 # the subject, not the apposition
    assert got["50%"] == ("Hanoi", "province")                        # "the city"
    assert got["212 vehicles"] == ("Me Linh", "district")             # "the district"


def test_place_organisations_subjects_and_the_country():
    got = places(extract_facts(
        "Long Bien inspection finds misused land\n"
        "The Hanoi Inspectorate has found that 27 organizations in Long Bien district misused 12.4 ha.", PUB))
    assert got["27 organizations"] == ("Long Bien", "district")       # "in Long Bien district", not the body's city
    got = places(extract_facts(
        "Dong Da leads in digital transformation\n"
        "Dong Da district ranked 2nd/30 districts, towns in Hanoi's Digital Transformation Index, "
        "with a score of 87.15%.", PUB))
    assert got["ranked 2nd/30 districts, towns"] == ("Dong Da", "district")
    assert got["87.15%"] == ("Dong Da", "district")
    got = places(extract_facts(
        "Hanoi climbs in PAR Index\n"
        "The capital scored 86.25%, higher than the national average of 81.38%. "
        "Thuong Tin and Me Linh lagged behind with 68% and 71% respectively. "
        "Under Decree No. 100/2024/ND-CP, buyers must have a monthly income of no more than VND 15 million. "
        "Nationwide, Hanoi ranked 38th/63 provinces and cities.", PUB))
    assert got["86.25%"] == ("Hanoi", "province")
    assert got["81.38%"] == ("Vietnam", "country")
    assert (got["68%"], got["71%"]) == (("Thuong Tin", "district"), ("Me Linh", "district"))
    assert got["no more than VND 15 million"] == ("Vietnam", "country")   # a national decree's norm
    assert got["ranked 38th/63 provinces and cities"] == ("Hanoi", "province")


def test_vietnamese_place_level_words_bodies_and_addresses():
    got = places(extract_facts(
        "Huyện Phú Xuyên có thêm 32 sản phẩm OCOP\n"
        "Theo ông Trần Văn Quang, Chánh Văn phòng Điều phối nông thôn mới thành phố, toàn thành phố hiện có "
        "1.054 sản phẩm OCOP. Tại Hội chợ OCOP Hà Nội, huyện sẽ giới thiệu 45 sản phẩm.", PUB, lang="vi"))
    assert got["1.054 sản phẩm OCOP"] == ("Hà Nội", "province")       # "toàn thành phố"
    assert got["45 sản phẩm"] == ("Phú Xuyên", "district")            # "huyện", not the fair's city
    got = places(extract_facts(
        "Phúc Đồng đưa bảo hiểm xã hội đến từng tổ dân phố\n"
        "(HNM) - Đợt vận động đã giúp phường Phúc Đồng (quận Long Biên) phát triển thêm 412 người tham gia. "
        "Toàn quận hiện có 9.862 người tham gia. Phúc Đồng xếp thứ 3/14 phường của quận.",
        datetime.date(2023, 10, 1), lang="vi"))
    assert got["412 người"] == ("Phúc Đồng", "ward")                 # "(quận Long Biên)" is its address
    assert got["9.862 người"] == ("Long Biên", "district")           # "toàn quận"
    assert got["xếp thứ 3/14 phường"] == ("Phúc Đồng", "ward")        # named again without "phường"
    got = places(extract_facts(
        "Thu ngân sách Hà Nội 11 tháng năm 2025 đạt 121,6% dự toán\n"
        "Kinhtedothi - Tổng thu ngân sách trên địa bàn thành phố 11 tháng năm 2025 ước đạt 621.147 tỷ đồng. "
        "Các ca bệnh được ghi nhận tại 28/30 quận, huyện, thị xã.", datetime.date(2025, 12, 5), lang="vi"))
    assert got["621.147 tỷ đồng"] == ("Hà Nội", "province")          # "thành phố 11 tháng" is no District 11
    assert got["28/30 quận, huyện, thị xã"] == ("Hà Nội", "province")  # units counted belong to the city
    got = places(extract_facts(
        "Tuyến đường sắt đô thị Cát Linh - Hà Đông phục vụ 8,9 triệu lượt khách\n"
        "Giá vé do UBND thành phố quy định từ 8.000 đồng.", datetime.date(2022, 11, 7), lang="vi"))
    assert got["8,9 triệu lượt khách"] == ("Hà Nội", "province")     # a line's name holds no place


def test_measure_short_names_changes_and_shares_of_a_plan():
    facts = extract_facts("Foreign direct investment (FDI) into Bac Ninh in the first quarter reached "
                          "US$2.4 billion, up 12.5% year-on-year. The province's gross regional domestic "
                          "product (GRDP) grew by 7.1% in 2024. By June 30, the province had disbursed "
                          "VND 9,100 billion, equal to 41.2% of the plan assigned by the Government. "
                          "Spending on schools was VND 800 billion, only 30% of the estimate.", PUB)
    assert figure(facts, "US$2.4 billion").measure == "FDI"          # the short name, place dropped
    assert figure(facts, "12.5%").measure == "FDI growth"
    assert figure(facts, "7.1%").measure == "GRDP growth"            # a verb of change
    assert figure(facts, "41.2%").measure == "plan disbursed"         # not the money it restates
    assert figure(facts, "30%").measure == "estimate achieved"


def test_vietnamese_count_takes_the_words_before_it_as_its_verb():
    facts = extract_facts("Đội quản lý trật tự đô thị đã tạm giữ 45 xe máy cùng nhiều biển quảng cáo. "
                          "Chi cục Thuế đã cưỡng chế nợ thuế đối với 230 doanh nghiệp. "
                          "Trong quý I, xã có 12 thôn.", PUB, lang="vi")
    assert figure(facts, "45 xe máy").measure == "xe máy tạm giữ"
    assert figure(facts, "230 doanh nghiệp").measure == "doanh nghiệp cưỡng chế nợ thuế"
    assert figure(facts, "12 thôn").measure == "thôn"                # "có" says nothing happened


def test_vietnamese_changes_from_one_figure_to_another_and_what_follows_a_price():
    facts = extract_facts("Phường rút ngắn thời gian xử lý hồ sơ từ 12 ngày xuống còn 7 ngày. "
                          "Giá vé tháng từ 100.000 đến 150.000 đồng tùy tuyến.", PUB, lang="vi")
    first = figure(facts, "12 ngày").measure
    assert first.endswith("thời gian xử lý hồ sơ")                       # what was cut from 12 days
    assert figure(facts, "7 ngày").measure == first                       # restates the first
    assert figure(facts, "từ 100.000 đến 150.000 đồng").measure.startswith("giá vé")   # not "tùy tuyến"


def test_measure_of_goals_scores_and_what_counted_things_did_after_a_place():
    facts = extract_facts("For 2025, the province targets 9 million visitors. The city aims to raise "
                          "the forest area to 2,500 ha. The town scored 88.4%. In 2023, 14 bidders in "
                          "two communes gave up their deposits, and 31 households on the site have not "
                          "yet moved.", PUB)
    assert figure(facts, "9 million visitors").measure == "visitor target"     # a modifier is singular
    assert figure(facts, "2,500 ha").measure.endswith("target")
    assert figure(facts, "88.4%").measure == "score"
    assert figure(facts, "14 bidders").measure == "bidders gave up their deposits"
    assert figure(facts, "31 households").measure == "households not yet moved"


def test_a_raised_total_measures_the_total():
    facts = extract_facts("Quận lắp thêm 12 camera, nâng tổng số camera giám sát lên 340 camera; "
                          "trong đó 40 camera có chức năng nhận diện.", PUB, lang="vi")
    assert figure(facts, "340 camera").measure == "tổng số camera giám sát"
    assert figure(facts, "12 camera").measure == "camera lắp thêm"
    assert "trong đó" not in (figure(facts, "40 camera").measure or "")
    facts = extract_facts("The district opened 3 clinics, bringing the total number of clinics to 41 clinics.", PUB)
    assert figure(facts, "41 clinics").measure == "total clinics"


def test_partitive_and_coordinated_figures_share_what_the_first_measures():
    facts = extract_facts("The ward received 4,200 dossiers, of which 97.5% were settled on time. "
                          "Dong Anh and Soc Son reached 64% and 70% respectively.", PUB)
    assert figure(facts, "97.5%").measure == "dossiers settled on time"
    assert figure(facts, "70%").measure == figure(facts, "64%").measure


def test_vietnamese_money_of_an_amount_and_objects_that_begin_something_else():
    facts = extract_facts("Đội kiểm tra đã xử phạt 25 cơ sở với tổng số tiền 310 triệu đồng. "
                          "Quận kiến nghị thu hồi về ngân sách 2,4 tỷ đồng do sai phạm trong quản lý.",
                          PUB, lang="vi")
    assert figure(facts, "310 triệu đồng").measure == "tiền xử phạt"
    assert "sai phạm" not in (figure(facts, "2,4 tỷ đồng").measure or "")


def test_a_rank_after_the_figure_it_ranks_and_a_rank_by_what_it_is_with():
    facts = extract_facts("The ward's digital transformation index reached 91.2%, ranked 4th/21 wards. "
                          "Among the 21 wards, Yen Hoa ranked 1st with a disbursement rate of 88.1%. "
                          "Ba Vi ranked first for the third year in a row.", PUB)
    assert figure(facts, "ranked 4th/21 wards").measure == "digital transformation index ranking"
    assert figure(facts, "ranked 1st").measure == "disbursement rate ranking"
    assert figure(facts, "ranked first").measure == "ranking"        # "for the third year": when


def test_vietnamese_count_after_a_verb_of_having_names_its_owner():
    facts = extract_facts("Đàn trâu của xã có hơn 2.000 con, mỗi đoàn tàu có 6 toa.", PUB, lang="vi")
    assert figure(facts, "hơn 2.000 con").measure.startswith("con đàn trâu")
    assert figure(facts, "6 toa").measure == "toa mỗi đoàn tàu"


def test_a_quantity_linked_to_the_count_before_and_a_figure_up_from_an_earlier_one():
    facts = extract_facts("The province now has seven industrial parks covering 2,140 ha. Average income "
                          "reached VND 71.5 million in 2024, up from VND 52 million in 2020.", PUB)
    assert figure(facts, "2,140 ha").measure == "industrial park area"
    assert figure(facts, "VND 52 million").measure == figure(facts, "VND 71.5 million").measure == "average income"


def test_vietnamese_labelled_list_items_name_what_they_count():
    facts = extract_facts("Các lỗi phổ biến gồm:\n- Không trang bị bình chữa cháy tại các tầng: 27 cơ sở;\n"
                          "- Án lao động: thụ lý 96 vụ.", PUB, lang="vi")
    assert figure(facts, "27 cơ sở").measure == "cơ sở không trang bị bình chữa cháy tại các tầng"
    assert figure(facts, "96 vụ").measure == "án lao động thụ lý"


def test_the_change_of_a_count_is_the_change_of_what_it_counts():
    facts = extract_facts("The province welcomed 9.8 million visitors in 2024, up 14.2% from 2023. "
                          "Export revenue reached VND 12 trillion ($470 million), an increase of 8.5%.", PUB)
    assert figure(facts, "14.2%").measure == "visitor growth"
    assert figure(facts, "8.5%").measure == "export revenue growth"


def test_vietnamese_length_and_duration_words_before_a_quantity():
    facts = extract_facts("Kênh Đồng Mô dài 12,4 km đang được nạo vét. Việc thi công dự kiến kéo dài 18 tháng.",
                          PUB, lang="vi")
    assert figure(facts, "12,4 km").measure == "chiều dài kênh Đồng Mô"
    assert figure(facts, "18 tháng").measure.startswith("thời gian")


def test_what_counted_things_will_do_are_in_or_had_done_to_them():
    facts = extract_facts("The developer expects 4,200 apartments will be handed over next year. Of the 31 "
                          "schools, nine are under construction and 18 had their licences renewed. About 60 "
                          "workshops in the craft village had to halt production, while 75 clinics are now "
                          "using digital records. Tax officials are handling 14 companies.", PUB)
    assert figure(facts, "4,200 apartments").measure == "apartments to be handed over"   # yet to be done
    assert figure(facts, "nine").measure == "schools under construction"
    assert figure(facts, "18").measure == "schools with licences renewed"
    assert figure(facts, "About 60 workshops").measure == "workshops halt production"
    assert figure(facts, "75 clinics").measure == "clinics using digital records"
    assert figure(facts, "14 companies").measure == "companies handling"
    assert figure(facts, "31 schools").measure == "schools"     # "including" is no verb


def ref(facts, text):
    f = figure(facts, text)
    return f.ref_start, f.ref_end


def test_vietnamese_as_of_now_is_not_inside_another_word():
    # "thực hiện" (carry out) and "phát hiện" (detect) hold "hiện" (now) but do not date a figure
    facts = extract_facts("Phường đã thực hiện 12 cuộc kiểm tra và phát hiện 5 trường hợp vi phạm. "
                          "Quận hiện có 40 trường học.", PUB, lang="vi")
    assert ref(facts, "12 cuộc kiểm tra") == (None, None)
    assert ref(facts, "5 trường hợp vi phạm") == (None, None)
    assert ref(facts, "40 trường học") == (None, "2024-07-31")


def test_a_wire_dateline_dates_no_figure():
    facts = extract_facts("SEOUL, July 30 - Exports climbed 8.4% in June.\n"
                          "BUSAN, July 30 - Retailer Hanmi will close 12 stores, the company said.", PUB)
    assert ref(facts, "8.4%") == ("2024-06-01", "2024-06-30")   # the clause's own month, not the dateline
    assert ref(facts, "12 stores") == (None, None)


def test_a_time_right_after_the_figure_is_its_own():
    facts = extract_facts("In 2024, the ward planted 900 trees, compared with 650 in 2022. "
                          "The line will carry 80,000 passengers a day by 2028 and 150,000 passengers by 2035.",
                          PUB)
    assert ref(facts, "900 trees") == ("2024-01-01", "2024-12-31")
    assert ref(facts, "650") == ("2022-01-01", "2022-12-31")   # the baseline's own year (A8)
    assert ref(facts, "150,000 passengers") == (None, "2035-12-31")


def test_a_target_after_the_figure_gives_only_its_end():
    facts = extract_facts("The district will plant 3,000 more trees by the end of 2026.", PUB)
    assert ref(facts, "3,000 more trees") == (None, "2026-12-31")
    facts = extract_facts("Huyện phấn đấu hoàn thành 100% kế hoạch trước ngày 15/12.", PUB, lang="vi")
    assert ref(facts, "100%") == (None, "2024-12-15")


def test_chained_figures_share_the_time_after_them():
    facts = extract_facts("Imports rose 12.5% to $98.1 billion in the first half of 2024.", PUB)
    assert ref(facts, "12.5%") == ("2024-01-01", "2024-06-30")
    assert ref(facts, "$98.1 billion") == ("2024-01-01", "2024-06-30")


def test_relative_time_words_resolve_against_the_publication_date():
    facts = extract_facts("This year, the city plans to build 14 schools. Last year, it opened 9 parks. "
                          "Revenue rose 5% from last year.", PUB)
    assert ref(facts, "14 schools") == ("2024-01-01", "2024-12-31")
    assert ref(facts, "9 parks") == ("2023-01-01", "2023-12-31")
    assert ref(facts, "5%") == (None, None)   # a baseline
    facts = extract_facts("The district will repave 20 roads this year.", PUB)
    assert ref(facts, "20 roads") == ("2024-01-01", "2024-12-31")   # an adverb after the figure, uncued
    facts = extract_facts("Năm nay, quận tuyển dụng 120 giáo viên.", PUB, lang="vi")
    assert ref(facts, "120 giáo viên") == ("2024-01-01", "2024-12-31")


def test_anaphoric_periods_take_the_period_just_named():
    facts = extract_facts("Tay Ho collected VND 900 billion in taxes in the first quarter of 2024. "
                          "The district also licensed 35 new restaurants in the quarter.", PUB)
    assert ref(facts, "35 new restaurants") == ("2024-01-01", "2024-03-31")


def test_a_later_clause_in_vietnamese_is_cut_off_from_an_inner_time():
    facts = extract_facts("Quận yêu cầu hoàn thành thu thuế trước ngày 20/12, đồng thời đẩy nhanh 15 dự án.",
                          PUB, lang="vi")
    assert ref(facts, "15 dự án") == (None, None)


def test_a_meeting_day_and_an_event_of_the_thing_govern_no_figure():
    facts = extract_facts("Speaking at a meeting on July 12, the chairman said the ward had received "
                          "310 petitions.", PUB)
    assert ref(facts, "310 petitions") == (None, None)
    facts = extract_facts("The towers were built between 1985 and 1990, and 70% of them lack lifts.", PUB)
    assert ref(facts, "70%") == (None, None)
    facts = extract_facts("Tòa nhà được xây dựng năm 1982, cao 9 tầng.", PUB, lang="vi")
    assert ref(facts, "9 tầng") == (None, None)


def test_a_status_reported_on_a_day_holds_up_to_that_day():
    facts = extract_facts("The district now has 1,250 ha of orchards, the agriculture office said on July 22.",
                          PUB)
    assert ref(facts, "1,250 ha") == (None, "2024-07-22")
    facts = extract_facts("The clinic treated 85 patients, the hospital said on July 22.", PUB)
    assert ref(facts, "85 patients") == (None, None)   # a flow takes nothing from the report day


def test_a_day_after_the_figure_behind_on_is_its_own():
    facts = extract_facts("Hanoi recorded 312 new cases on July 20, the health department said on July 21.", PUB)
    assert ref(facts, "312 new cases") == ("2024-07-20", "2024-07-20")


def test_an_english_duration_takes_no_period_from_before_it():
    facts = extract_facts("In 2023, exports hit their highest level in six years.", PUB)
    assert ref(facts, "six years") == (None, None)
    facts = extract_facts("In 2023, the ward cut the average waiting time to 3 days in 2024.", PUB)
    assert ref(facts, "3 days") == ("2024-01-01", "2024-12-31")   # a time right after it is its own
    # how long something lasted in the clause's period is that period's figure
    facts = extract_facts("From March to June 2024, the chairman met residents for 12 days.", PUB)
    assert ref(facts, "12 days") == ("2024-03-01", "2024-06-30")


def test_the_past_n_units_end_on_the_publication_day():
    facts = extract_facts("The index has gained 14% over the past three months.", PUB)
    assert ref(facts, "14%") == (None, "2024-07-31")


def test_a_leading_from_opens_a_period_to_the_publication_day():
    facts = extract_facts("From June 3, the ward inspected 48 restaurants. Sales rose 7% from 2023.", PUB)
    assert ref(facts, "48 restaurants") == ("2024-06-03", "2024-07-31")
    assert ref(facts, "7%") == (None, None)   # a baseline
    facts = extract_facts("Từ ngày 5/6, phường đã kiểm tra 48 nhà hàng.", PUB, lang="vi")
    assert ref(facts, "48 nhà hàng") == ("2024-06-05", "2024-07-31")


def test_before_a_month_ends_the_day_before_it():
    facts = extract_facts("Quận phải hoàn thành kiểm tra 16 đảng ủy trước tháng 9/2024.", PUB, lang="vi")
    assert ref(facts, "16 đảng ủy") == (None, "2024-08-31")
