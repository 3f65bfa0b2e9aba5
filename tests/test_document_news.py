"""Document references as English-language Vietnamese state news writes them (issue 13): "No."
with or without a dot or a space ("Program No.08", "Decision No 321"), a bare number after the type
("document 2562"), types in lower case ("official letter"), plans, conclusions, notices, circulars,
decrees, dispatches and guidance, numbers with years, slashes and Vietnamese letters, and the issue
date after "dated". Sentences invented. Per FACTS.md: doc_type and doc_number as written."""
import pytest

from conftest import facts_of

CASES = [
    ("The city issued Program No.08 on digital transformation last week.", [("Program", "08", None)]),
    ("Under Decision No 321/QD-UBND, the district will relocate 40 households.",
     [("Decision", "321/QD-UBND", None)]),
    ("Decision No 321 of the provincial People's Committee took effect in May.",
     [("Decision", "321", None)]),
    ("In document 2562/UBND-KT sent to districts, the city asked for a report by Friday.",
     [("document", "2562/UBND-KT", None)]),
    ("The department cited document 2562 and asked the contractor to explain the delay.",
     [("document", "2562", None)]),
    ("The Ministry of Finance issued Circular 06/2024/TT-BTC guiding the new fees.",
     [("Circular", "06/2024/TT-BTC", None)]),
    ("Fines are set by Decree 15/2020/ND-CP on administrative penalties.",
     [("Decree", "15/2020/ND-CP", None)]),
    ("Plan No. 112/KH-UBND dated April 5, 2024 lists 36 projects.",
     [("Plan", "112/KH-UBND", "2024-04-05")]),
    ("The Politburo's Conclusion No. 48-KL/TW asked localities to merge communes.",
     [("Conclusion", "48-KL/TW", None)]),
    ("The Ministry of Construction replied in Official Letter No. 1845/BXD-HDXD.",
     [("Official Letter", "1845/BXD-HDXD", None)]),
    ("In official letter No. 3021/SGTVT-QLGT, the department asked bus operators to add trips.",
     [("official letter", "3021/SGTVT-QLGT", None)]),
    ("Notice No. 215/TB-VPCP conveyed the conclusions of the Deputy Prime Minister.",
     [("Notice", "215/TB-VPCP", None)]),
    ("The Prime Minister signed Official Dispatch No. 1205/CD-TTg on flood response.",
     [("Official Dispatch", "1205/CD-TTg", None)]),
    ("Resolution 57-NQ/TW calls for breakthroughs in science and technology.",
     [("Resolution", "57-NQ/TW", None)]),
    ("Directive No. 05-CT/TU dated March 2, 2023 tightened discipline among officials.",
     [("Directive", "05-CT/TU", "2023-03-02")]),
    ("The Government's Decree No. 100/2019/ND-CP raised fines for drunk driving.",
     [("Decree", "100/2019/ND-CP", None)]),
    ("The district drew up Plan 45/KH-UBND to clear the pavements.", [("Plan", "45/KH-UBND", None)]),
    ("Regulation No. 144-QD/TW sets ethical standards for cadres.",
     [("Regulation", "144-QD/TW", None)]),
    ("Conclusion 137-KL/TW was issued after the conference.", [("Conclusion", "137-KL/TW", None)]),
    ("Schools follow Circular No. 12/2022/TT-BGDĐT on textbooks.",
     [("Circular", "12/2022/TT-BGDĐT", None)]),
    ("Decision 1520/QĐ-TTg dated June 15, 2023 approved the master plan.",
     [("Decision", "1520/QĐ-TTg", "2023-06-15")]),
    ("The province sent Dispatch 88/CD-UBND to coastal districts.", [("Dispatch", "88/CD-UBND", None)]),
    ("Guidance No. 10-HD/BTCTW explains how to assess Party members.",
     [("Guidance", "10-HD/BTCTW", None)]),
    ("Resolution No. 68/2022/NQ-HDND of the municipal People's Council sets the fees.",
     [("Resolution", "68/2022/NQ-HDND", None)]),
    ("Notice 98/TB-UBND postponed the auction.", [("Notice", "98/TB-UBND", None)]),
    ("The rules are in decree 70/2025/ND-CP, which takes effect in June.",
     [("decree", "70/2025/ND-CP", None)]),
    ("Plan No. 57/KH-UBND and Decision No. 2618/QD-UBND were issued the same day.",
     [("Plan", "57/KH-UBND", None), ("Decision", "2618/QD-UBND", None)]),
    # no numbered document
    ("The city has 2,562 documents waiting to be digitised.", []),
    ("The 2023 plan was approved by 45 delegates.", []),
    ("The decision was made by 12 votes to three.", []),
]


# A second batch, written after the first fixes but before running them on it.
CASES += [
    ("Decision No.1520/QD-TTg approved the railway plan.", [("Decision", "1520/QD-TTg", None)]),
    ("Resolution No 45/2023/QH15 cuts VAT to 8%.", [("Resolution", "45/2023/QH15", None)]),
    ("Fines rose under Decree No. 168/2024/ND-CP, effective from January 1, 2025.",
     [("Decree", "168/2024/ND-CP", None)]),
    ("Directive 07/CT-TTg dated March 5, 2024 ordered checks on fuel prices.",
     [("Directive", "07/CT-TTg", "2024-03-05")]),
    ("Circular No. 08/2024/TT-BCA dated February 15, 2024 sets the fees.",
     [("Circular", "08/2024/TT-BCA", "2024-02-15")]),
    ("The city issued Plan No.150/KH-UBND on waste sorting.", [("Plan", "150/KH-UBND", None)]),
    ("In Document No. 4567/VPCP-KTTH, the Government Office relayed the order.",
     [("Document", "4567/VPCP-KTTH", None)]),
    ("The Government's Resolution 01/NQ-CP sets growth at 6.5%.", [("Resolution", "01/NQ-CP", None)]),
    ("Official Telegram No. 88/CD-TTg asked provinces to evacuate residents.",
     [("Official Telegram", "88/CD-TTg", None)]),
    ("The district followed Conclusion No.126-KL/TW and Plan No. 47-KH/TU.",
     [("Conclusion", "126-KL/TW", None), ("Plan", "47-KH/TU", None)]),
]


def documents(text):
    return sorted((f.doc_type, f.doc_number, f.issued) for f in facts_of(text, "document"))


@pytest.mark.parametrize("text, want", CASES)
def test_documents(text, want):
    assert [(t.casefold(), n) for t, n, _ in documents(text)] == sorted((t.casefold(), n) for t, n, _ in want)


@pytest.mark.parametrize("text, want", [c for c in CASES if any(i for _, _, i in c[1])])
def test_document_issued(text, want):
    assert documents(text) == sorted(want)
