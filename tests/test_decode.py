import unicodedata

from pipeline.decode import decode_html


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
