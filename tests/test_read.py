"""Reading input: every bad file gets one clear line and the rest is still read."""
import json

from sphere.read.sources import Problem, iter_articles


def _split(items):
    return [i for i in items if not isinstance(i, Problem)], [i for i in items if isinstance(i, Problem)]


def test_bad_files_each_get_one_line_and_good_ones_are_read(tmp_path):
    (tmp_path / "good.txt").write_text("Россия и Китай подписали соглашение.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "legacy.txt").write_bytes("Министр обороны Украины прибыл в Варшаву.".encode("cp1251"))
    (tmp_path / "wide.txt").write_bytes("Президент Франції відвідав Київ.".encode("utf-16"))
    articles, problems = _split(list(iter_articles([tmp_path, tmp_path / "missing.txt"])))
    by_file = {p.source.rsplit("/", 1)[-1]: p for p in problems}
    assert by_file["empty.txt"].fatal and "empty" in by_file["empty.txt"].reason
    assert by_file["binary.txt"].fatal and "binary" in by_file["binary.txt"].reason
    assert by_file["missing.txt"].fatal and "no such file" in by_file["missing.txt"].reason
    assert not by_file["legacy.txt"].fatal and "cp1251" in by_file["legacy.txt"].reason.replace("windows-1251", "cp1251")
    assert not by_file["wide.txt"].fatal and "utf" in by_file["wide.txt"].reason.lower()
    texts = {a.doc: a.text for a in articles}
    assert texts["legacy.txt"].startswith("Министр обороны Украины")
    assert texts["wide.txt"].startswith("Президент Франції")
    assert "good.txt" in texts
    assert all(p.line().count("\n") == 0 and p.source in p.line() for p in problems)


def test_leading_date_line_gives_the_document_date(tmp_path):
    (tmp_path / "a.txt").write_text(" date 2024-03-05 Turkey hosted talks.", encoding="utf-8")
    [article] = list(iter_articles([tmp_path / "a.txt"]))
    assert article.published == "2024-03-05"
    assert article.text == "Turkey hosted talks."


def test_json_lines_records_and_broken_lines(tmp_path):
    lines = [json.dumps({"id": "n1", "text": "NATO condemned the strike.", "published": "2023-01-02", "lang": "en"}),
             "{not json", json.dumps({"text": "no id"}), json.dumps({"id": "n2", "text": "Иран поддержал Сирию."})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    articles, problems = _split(list(iter_articles([tmp_path / "feed.jsonl"])))
    assert [a.doc for a in articles] == ["n1", "n2"]
    assert articles[0].published == "2023-01-02" and articles[0].lang == "en"
    assert sorted(p.source.rsplit(":", 1)[-1] for p in problems) == ["2", "3"]
