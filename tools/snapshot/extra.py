# Extra paragraphs appended (before the last paragraph) to bring bodies above 250 words.
EXTRA = {
"hanoi-climbs-in-par-index-rankings-after-reform-push": [
 "Experts from the National Academy of Public Administration noted that the gap between the top three localities was less than 1.5 points, so Hanoi could easily lose its position if it slowed down digitization of records.",
],
"hoan-kiem-vaccinates-95-percent-of-adults": [
 "The district has also prepared 3,500 doses for foreigners living and working in the area, mainly staff of embassies, international organizations and hotels. About 1,900 foreign residents have registered so far, and the first session for them will be held at the Hoan Kiem District Medical Center on September 10.",
],
"hanoi-collects-vnd2143-trillion-in-nine-months": [
 "The report also noted that the city had settled 91.3% of the 1,842 business petitions received since January, while 14 projects with total capital of VND 9,600 billion had their investment policies revoked because of prolonged delays.",
],
"hanoi-public-investment-disbursement-hits-62-percent": [
 "Several investors attributed the delays to a shortage of sand and soil for embankment, whose prices had risen by 30-40 percent since early 2024, and to the slow approval of land prices for compensation.",
],
"dong-da-inspection-commission-handles-21-denunciations": [
 "Commission members also noted that the number of anonymous letters fell by 35 percent compared with the previous period, which they attributed to the district's new policy of meeting petitioners within seven days of receiving their letters.",
],
"hanoi-reduces-commune-level-units-by-more-than-half": [
 "The city will keep 31 former district headquarters as offices for the new wards and communes, while 112 surplus buildings will be reviewed and converted into schools, health stations or cultural houses. A list of the surplus facilities must be sent to the Department of Finance by August 31, 2025.",
 "Residents will not have to change their identity cards, land use certificates or other documents because of the new addresses, officials said.",
],
"hanoi-fdi-surges-in-first-quarter-of-2025": [
 "Industrial production in the first quarter rose 6.8 percent, and the number of newly established businesses reached 7,420, up 14.5% year-on-year. However, 5,610 enterprises withdrew from the market, mostly small firms in trade and construction.",
 "Economists said the strong FDI figures partly reflected a few large deals and warned that the city still needs more ready-to-use industrial land to keep up the momentum in the following quarters.",
],
"metro-line-3-underground-section-reaches-90-percent": [
 "The board also reported that the procurement of two additional trains, worth EUR 23 million, had been completed, bringing the fleet to ten trains. The depot in Nhon ward has been upgraded to handle maintenance for the future Line 3 extension to Hoang Mai.",
 "Passengers have called for more feeder bus routes; the city added four routes in June, linking the Cau Giay and Nhon stations with nearby residential areas.",
],
"hanoi-recognizes-287-communes-as-new-style-rural-areas": [
 "The conference also commended 46 collectives and 58 individuals for their contributions to the program, including residents who donated a total of 126,000 m2 of land to widen village roads.",
],
"soc-son-posts-7-6-percent-economic-growth-in-nine-months": [
 "In the field of land management, the district detected and handled 64 cases of land violations, fining violators a total of VND 1.9 billion, and forced the demolition of 52 illegal structures on agricultural land.",
],
"soc-son-tang-truong-kinh-te-9-thang-dat-7-6": [
 "Trong lĩnh vực quản lý đất đai, huyện đã phát hiện, xử lý 64 trường hợp vi phạm, xử phạt tổng số tiền 1,9 tỷ đồng và cưỡng chế tháo dỡ 52 công trình xây dựng trái phép trên đất nông nghiệp.",
],
"long-bien-khoi-cong-3-truong-hoc-tong-von-hon-620-ty-dong": [
 "Năm học 2024 - 2025, toàn quận có 112 trường mầm non, tiểu học và trung học cơ sở với hơn 68.000 học sinh. Quận dự kiến tiếp tục khởi công thêm 4 trường học trong giai đoạn 2026 - 2030, tập trung tại các khu đô thị mới.",
],
"hoan-kiem-cuts-time-for-administrative-procedures-by-30-percent": [
 "A survey of 1,500 residents conducted by the district in October showed that 96.5% were satisfied with the attitude of civil servants, while 3.1% complained about long waiting times during peak hours at the Hang Trong and Hang Bac ward one-stop shops.",
 "The district also set up a digital kiosk at each ward so that elderly residents can get help submitting dossiers online.",
],
"long-bien-party-committee-completes-mid-term-review-of-resolution": [
 "Delegates proposed that the city allow Long Bien to use VND 2,400 billion from land auctions to build the new administrative center and two public parks along the Red River dike.",
 "The conference also completed the vote of confidence for 14 members of the district's Standing Committee.",
],
"me-linh-flower-growers-earn-over-vnd1-billion-per-hectare": [
 "To address this, the district is calling for investment in a flower trading and processing center covering 12 ha in Me Linh commune, with estimated capital of VND 350 billion, which would include cold storage with a capacity of 500 tons.",
],
"gia-lam-to-build-five-bridges-over-the-duong-river-canal-system": [
 "The district will select contractors through open bidding in May and June, and it has asked the city to allow the simultaneous approval of the design and the compensation plans to save about four months.",
],
"hanoi-health-insurance-coverage-reaches-93-2-percent": [
 "Social insurance agencies also carried out 1,840 inspections of employers in 2023 and collected VND 412 billion in arrears. They plan to publish the names of enterprises that owe contributions for six months or more on the city's news portal.",
 "Meanwhile, the number of people receiving one-off social insurance payments rose to 98,700, up 9 percent, which officials warned would reduce the number of people entitled to pensions in the future.",
],
"thanh-tri-inspects-party-organizations-under-directive-15": [
 "The district's Inspection Commission also checked the declaration of assets and income of 96 cadres under the management of the District Party Committee, and found that all of them had made their declarations on time.",
 "Secretaries of 24 grassroots Party committees signed commitments to settle all overdue land dossiers by the end of the year.",
],
"hanoi-grade-10-entrance-exam-draws-over-105000-candidates": [
 "The department said that the exam papers were printed in a closed area under police supervision and that 26 exam sites were equipped with signal jammers. Inspectors from the Ministry of Education and Training visited 14 exam sites on the first day.",
 "Students who fail to enter public schools can choose among 121 private high schools, 36 continuing education centers and 12 vocational schools, which together offer more than 40,000 places.",
],
"ba-vi-welcomes-3-million-tourists-in-2023": [
 "Tour operators say the district needs a bus route linking the center of Hanoi with the national park, as most visitors now travel by private car or motorbike along the 55 km route, which is congested at weekends.",
 "The district organized 14 cultural and tourism events in 2023, including the Ba Vi sunflower festival, which attracted 180,000 visitors in November. It also trained 420 local residents in tourism skills and foreign languages.",
 "However, local officials acknowledged that the average length of stay was only 1.3 days and that spending per visitor remained low, at about VND 350,000.",
],
"hanoi-to-complete-over-9000-social-housing-units-in-2025": [
 "The department has also proposed that the city reserve 20% of residential land in commercial housing projects larger than 10 ha for social housing, in line with the revised Housing Law, and assign the Hanoi Housing Development Fund to build 2,000 apartments for rent.",
 "Applicants for social housing must have monthly income of less than VND 15 million and must not own a house in the city.",
],
"dan-phuong-has-82-ocop-products-rated-three-stars-or-more": [
 "Buyers from three supermarket chains attended the district's product fair on September 20 and signed 11 supply contracts.",
 "The district has connected 23 OCOP producers with the Postmart and Voso e-commerce platforms, and their online sales reached about VND 5.6 billion in the first eight months of 2022.",
 "It has also organized four training courses on product design and food safety for 320 participants from cooperatives and craft villages.",
],
"hanoi-exports-rise-12-percent-in-eight-months": [
 "Businesses in the city have also been affected by higher shipping costs. Freight rates from Hai Phong to the US west coast rose 35% in June and July, according to logistics firms, reducing the profits of many exporters of furniture and garments.",
 "The department plans to open trade promotion offices in Japan and Germany in 2026 and to organize a Hanoi products week in Singapore in November 2025.",
],
}
