import unicodedata

from pipeline.crawl.decode import decode_html


def test_bom_wins_over_everything():
    body = "\ufeff<p>Hà Nội</p>".encode("utf-8")
    text, enc = decode_html(body, "text/html; charset=iso-8859-1")
    assert (text, enc) == ("<p>Hà Nội</p>", "utf-8")


def test_header_charset_then_meta_then_utf8_then_cp1252():
    assert decode_html("<p>café</p>".encode("latin-1"), "text/html; charset=ISO-8859-1")[0] == "<p>café</p>"
    meta = '<meta charset="windows-1252"><p>“quoted”</p>'.encode("cp1252")
    assert decode_html(meta)[0].endswith("<p>“quoted”</p>")
    assert decode_html("<p>Đống Đa</p>".encode("utf-8"))[1] == "utf-8"
    assert decode_html("<p>“smart”</p>".encode("cp1252"))[1] == "cp1252"


def test_vietnamese_is_normalised_to_nfc():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Mạnh Quyền")
    text, _ = decode_html(decomposed.encode("utf-8"))
    assert text == unicodedata.normalize("NFC", "Nguyễn Mạnh Quyền")


def test_unknown_declared_charset_falls_back():
    text, enc = decode_html("<p>ok</p>".encode(), "text/html; charset=x-nonsense")
    assert (text, enc) == ("<p>ok</p>", "utf-8")


def test_a_label_that_is_no_text_encoding_is_ignored():
    page = "<p>Giải ngân đạt 61,5%</p>".encode("utf-8")
    for label in ("base64", "rot13", "hex", "zlib", "undefined", "punycode", "unicode_escape", "idna"):
        assert decode_html(page, f"text/html; charset={label}") == ("<p>Giải ngân đạt 61,5%</p>", "utf-8")
        meta = f'<meta charset="{label}">'.encode() + page
        assert decode_html(meta)[1] == "utf-8"
    assert decode_html("<p>Đông Anh</p>".encode("cp1258"), "text/html; charset=windows-1258") == (
        "<p>Đông Anh</p>", "cp1258")


def test_binary_served_as_text_is_noise_and_real_pages_are_not():
    import os

    from pipeline.crawl.decode import not_text_reason
    noise, _ = decode_html(os.urandom(50_000), "text/html")
    assert not_text_reason(noise).startswith("not text: ")
    page, _ = decode_html("<html><body><p>Thu ngân sách đạt 176.737 tỷ đồng.</p>\n\t</body></html>".encode())
    assert not_text_reason(page) is None and not_text_reason("") is None
