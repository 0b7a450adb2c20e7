"""The monthly compilation: PDF and HTML book, and the monthly mail with its attachment."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import PDF_PACKAGES, need, open_state, run, weasyprint_works, write_config
from pypdf import PdfReader
from test_classify import SAMPLE_EXPECTED

from digest.classify import PAPERS
from digest.render import fonts
from digest.sample.site import load_sample

need("WeasyPrint's libraries (Pango, HarfBuzz)", weasyprint_works(), PDF_PACKAGES, module=True)
need("a Devanagari font", fonts.covered("hi"), "apt-get install fonts-noto-core", module=True)

TITLES = {p["id"]: p["title"]["rendered"] for p in load_sample()[0]}


@pytest.fixture(scope="module", params=[40, 4], ids=["one-part", "parts-of-4"])
def month(tmp_path_factory, request):
    """The sample month as one layout part, and cut into parts of 4 posts (as big months
    are): made once per layout for the tests that read it."""
    from digest.render import monthly
    from digest.sample.site import WordPressServer

    posts, categories = load_sample()
    tmp_path = tmp_path_factory.mktemp(f"month-{request.param}")
    with (
        pytest.MonkeyPatch.context() as patch,
        WordPressServer(posts, prefix="/ca/", categories=categories) as site,
    ):
        patch.setattr(monthly, "PART_POSTS", request.param)
        conf = write_config(tmp_path, {"sample": site.url})
        assert run(conf, "crawl").exit_code == 0
        site.edit(
            70108, "2026-04-23T03:00:00", content="<p>Syllabus: GS2/Polity</p><p>Judgment out</p>"
        )
        assert run(conf, "crawl").exit_code == 0
        out = tmp_path / "archive"
        result = run(conf, "digest", "--period", "monthly", "--date", "2026-04-15",
                     "--out", str(out))  # fmt: skip
        assert result.exit_code == 0, result.output
    return out


def pages(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_month_renders_to_pdf_and_html(month):
    pdf, html = month / "monthly-2026-04.pdf", month / "monthly-2026-04.html"
    assert pdf.read_bytes().startswith(b"%PDF") and html.exists()
    texts = pages(pdf)
    assert "UPSC digest" in texts[0] and "April 2026" in texts[0] and "26 posts" in texts[0]
    toc = "\n".join(t for t in texts if "Contents" in t or "....." in t)
    body = "\n".join(t for t in texts[1:] if "....." not in t)
    # Every post, the Hindi one included, in the body in paper order, and in the contents.
    order = sorted(SAMPLE_EXPECTED, key=lambda i: PAPERS.index(SAMPLE_EXPECTED[i][0]))
    positions = []
    for post_id in order:
        title = TITLES[post_id]
        assert title in toc, title
        assert title in body, title
        positions.append((PAPERS.index(SAMPLE_EXPECTED[post_id][0]), body.index(title)))
    papers_by_position = [p for p, _ in sorted(positions, key=lambda x: x[1])]
    assert papers_by_position == sorted(papers_by_position)
    assert "भारत में मातृ मृत्यु दर में गिरावट" in body


def test_every_bulleted_item_starts_with_its_bullet_in_the_pdf(month):
    """#33: the book's bullets are written into the items' text (digest.render.bullets),
    in one part and in parts of four: each sample post's list items, bullet first."""
    body = " ".join(" ".join(pages(month / "monthly-2026-04.pdf")[1:]).split())
    items = [
        " ".join(re.sub(r"<[^>]+>", "", item).split()[:3])
        for p in load_sample()[0]
        if p["date_gmt"].startswith("2026-04") and p["id"] != 70108  # edited: no list now
        for item in re.findall(r"<li>(.*?)</li>", p["content"]["rendered"])
    ]
    assert len(items) > 40
    missing = [item for item in items if f"• {item}" not in body.replace("&amp;", "&")]
    assert not missing, missing


def test_contents_pages_headers_and_footers(month):
    texts = pages(month / "monthly-2026-04.pdf")
    toc = "\n".join(t for t in texts[1:] if t.startswith("Contents"))  # its running header
    entries = _entries(PdfReader(month / "monthly-2026-04.pdf"))
    for heading in ("GS1 · Heritage", "GS2 · Polity", "GS3 · Economy", "GS4 · Ethics", "Essay",
                    "Prelims"):  # fmt: skip
        paper = re.compile(re.escape(heading) + "(,|$)")
        [page] = [n for entry, n in entries.items() if paper.match(entry)]
        assert heading in texts[page - 1].split("\n")[0], heading  # the running header
    total = len(texts)
    for number, text in enumerate(texts[1:], start=2):
        assert f"page {number} of {total}" in text
    gs2 = next(t for t in texts[1:] if "Supreme Court on Governor" in t and t not in toc)
    assert "GS2 · Polity, governance, social justice, international relations" in gs2
    # The contents' page numbers point at the pages where the posts are.
    assert "Supreme Court on Governor" in texts[entries[SUPREME] - 1]
    assert len(entries) == 26 + 6  # every post and every paper has its number


SUPREME = "Supreme Court on Governor's Assent to Bills"


def _entries(reader) -> dict[str, int]:
    """The contents' entries and the page number on the same line (set at the right margin
    when the book is bound, so they are read apart and put together by their baseline)."""
    entries = {}
    for page in reader.pages[1:]:
        if not page.extract_text().startswith("Contents"):
            break
        runs = _runs(page)
        numbers = [(y, int(text)) for y, _, text in runs if text.isdigit()]
        for y, _, text in runs:
            if not text.isdigit():
                same = [n for ny, n in numbers if abs(ny - y) < 0.2]
                if same:
                    entries[text] = same[0]
    return entries


def _runs(page) -> list[tuple[float, float, str]]:
    """(baseline from the page's foot, font size in pt, text) of each run of text on a page."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = (tm[3] or 1) * (cm[3] or 1)
            runs.append((round(tm[5] * (cm[3] or 1) + cm[5], 1), round(abs(size * scale), 1),
                         text.strip()))  # fmt: skip

    page.extract_text(visitor_text=visit)
    return runs


def test_typography_headings_in_posts_stay_below_titles_and_contents_are_single_spaced(month):
    """#30 item 16: the sites' own h2s ("Context", "About") were larger than post titles,
    and the contents page was double-spaced (the posts' spacing leaked into it)."""
    reader = PdfReader(month / "monthly-2026-04.pdf")
    titles, headings = set(), set()
    for page in reader.pages[2:]:
        for _, size, text in _runs(page):
            if text in TITLES.values():
                titles.add(size)
            elif text in ("Context", "About"):
                headings.add(size)
    assert titles and headings and max(headings) < min(titles), (headings, titles)
    # Consecutive posts' entries (not a paper's, which has space above it by design).
    entries = [r for r in _runs(reader.pages[1]) if r[2] not in ("", "Contents")
               and not r[2].isdigit()]  # fmt: skip
    posts = [
        (y, size, any(text.startswith(t) for t in TITLES.values())) for y, size, text in entries
    ]
    gaps = {round(a[0] - b[0]) for a, b in zip(posts, posts[1:], strict=False) if a[2] and b[2]}
    size = entries[0][1]
    # One line apart (a Devanagari line is a little taller), not two as before (32pt).
    assert gaps and max(gaps) <= 1.7 * size, (gaps, size)


def test_contents_links_go_to_the_posts(month):
    reader = PdfReader(month / "monthly-2026-04.pdf")
    texts = [page.extract_text() for page in reader.pages]
    checked = 0
    for page in reader.pages[1:4]:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link" or "/Dest" not in annot:
                continue
            target = reader.get_page_number(annot["/Dest"][0].get_object())
            assert target > 0  # into the body, never the cover
            checked += 1
    assert checked >= 26 + 6  # every post and every paper
    kathakali = "Kathakali Gets GI Tag Push from Kerala"
    assert kathakali in texts[_entries(reader)[kathakali] - 1]


def test_the_outline_is_the_papers_and_their_posts_each_at_its_page(month):
    """The sidebar of a reader's PDF viewer: Contents, then each paper with its posts, each
    going to the page the post starts on (not every "Context" heading inside the posts)."""
    reader = PdfReader(month / "monthly-2026-04.pdf")
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    assert reader.metadata.title == "UPSC digest · April 2026"
    outline = reader.outline
    papers = [item.title for item in outline if not isinstance(item, list)]
    assert papers[0] == "Contents" and reader.get_destination_page_number(outline[0]) == 1
    assert [p.split(" ·")[0] for p in papers[1:]] == ["GS1", "GS2", "GS3", "GS4", "Essay",
                                                       "Prelims"]  # fmt: skip
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    posts = [item for entries in outline if isinstance(entries, list) for item in entries]
    assert sorted(item.title for item in posts) == sorted(TITLES.values())
    for item in posts:
        page = reader.get_destination_page_number(item)
        assert " ".join(item.title.split()) in texts[page], (item.title, page)
        assert item["/Top"] < 842  # where the title is, not above the page


def test_revised_post_is_marked(month):
    html = (month / "monthly-2026-04.html").read_text()
    assert "Revised 23 Apr 2026" in html and "Judgment out" in html
    assert 'Source: <a href="https://sample.wp-digest.invalid/ca/current-affairs/' in html


def test_archive_lists_the_compilation(month):
    index = (month / "index.html").read_text()
    assert 'href="monthly-2026-04.html"' in index and 'href="monthly-2026-04.pdf">PDF' in index
    assert "tag:wp-digest,2026:monthly-2026-04" in (month / "feed.xml").read_text()


def monthly_config(tmp_path, site, port, extra=""):
    text = (
        f'\n[digest]\narchive = "archive"\nbase_url = "https://digest.example.org/"\n'
        f'\n[mail]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n'
        f'from = "d@example.org"\n{extra}\n'
        '\n[[subscriber]]\nemail = "m@example.org"\nperiod = "monthly"\n'
    )
    return write_config(tmp_path, {"sample": site.url}, text)


def test_monthly_mail_attaches_the_pdf(tmp_path, site, smtp, monkeypatch):
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-05T09:00:00+05:30")
    cfg = monthly_config(tmp_path, site, smtp.port)
    joined = run(cfg, "send").stdout  # joins for April's book
    assert joined.startswith("m@example.org: nothing new (a new subscriber: digests start")
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-05-01T09:00:00+05:30")
    assert run(cfg, "crawl").exit_code == 0
    result = run(cfg, "send")
    assert result.exit_code == 0, result.output
    [msg] = smtp.messages
    assert msg["Subject"] == "UPSC digest · April 2026 · 26 posts"
    assert msg.get_content_type() == "multipart/mixed"
    [attachment] = list(msg.iter_attachments())
    assert attachment.get_filename() == "monthly-2026-04.pdf"
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content().startswith(b"%PDF")
    body = msg.get_body(("plain",)).get_content()
    assert "भारत में मातृ मृत्यु दर में गिरावट" in body
    assert (tmp_path / "archive" / "monthly-2026-04.pdf").exists()


def test_monthly_pdf_over_the_cap_is_linked(tmp_path, site, smtp, monkeypatch):
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-04-05T09:00:00+05:30")
    cfg = monthly_config(tmp_path, site, smtp.port, "attachment_max_mb = 0.01")
    run(cfg, "send")
    monkeypatch.setenv("WP_DIGEST_NOW", "2026-05-01T09:00:00+05:30")
    assert run(cfg, "crawl").exit_code == 0
    assert run(cfg, "send").exit_code == 0
    [msg] = smtp.messages
    assert list(msg.iter_attachments()) == []
    text = msg.get_body(("plain",)).get_content()
    assert "is over the 0.01 MB attachment limit; read it at" in text
    assert "https://digest.example.org/monthly-2026-04.pdf" in text.replace("\n  ", " ")
    assert "https://digest.example.org/monthly-2026-04.pdf" in msg.get_body(("html",)).get_content()
    [row] = open_state(cfg)["deliveries"].rows
    assert row["status"] == "sent" and row["label"] == "monthly-2026-04"
    assert json.loads(json.dumps(row))["posts"] == 26


def test_a_script_no_font_covers_is_warned_once(conf, tmp_path):
    """Hindi posts, and fontconfig knows only DejaVu (no Devanagari): one warning naming the
    script and the package, not a silent book of boxes."""
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    need("DejaVu fonts", dejavu.is_dir(), "apt-get install fonts-dejavu-core")
    assert run(conf, "crawl").exit_code == 0
    fonts_conf = tmp_path / "fonts.conf"
    fonts_conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{dejavu}</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>"
    )
    args = ["--config", str(conf), "digest", "--period", "monthly", "--date", "2026-04-15"]
    result = subprocess.run(
        [sys.executable, "-m", "digest", *args, "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=600,
        env={**os.environ, "FONTCONFIG_FILE": str(fonts_conf)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("no installed font covers Devanagari") == 1, result.stderr
    assert "apt-get install fonts-noto-core" in result.stderr
    assert (tmp_path / "out" / "monthly-2026-04.pdf").exists()


EVERY_TAG = (
    "<p>Syllabus: GS2/Polity</p><h2>Context</h2><p><strong>b</strong> <b>b</b> <em>e</em> "
    "<i>i</i> <u>u</u> <s>s</s> H<sub>2</sub>O x<sup>2</sup> <small>small</small><br>"
    '<a href="https://example.org/a">a link</a> <code>code</code></p><h3>h3</h3><h4>h4</h4>'
    "<h5>h5</h5><h6>h6</h6><blockquote><p>quoted</p></blockquote><pre>pre  formatted</pre><hr>"
    "<ul><li>one<ul><li>two<ul><li>three</li></ul></li></ul></li></ul><ol><li>first<ol>"
    "<li>inner</li></ol></li><li>second</li></ol><table><caption>cap</caption><thead><tr>"
    '<th>h</th><th colspan="2">wide</th></tr></thead><tbody><tr><td rowspan="2">r</td>'
    "<td>c</td><td>d</td></tr><tr><td>e</td><td>f</td></tr></tbody><tfoot><tr><td>t</td>"
    "</tr></tfoot></table>"
)


def _boxes(document) -> list[tuple]:
    """Every box of every page: its kind, element, place, size and text."""
    out: list[tuple] = []

    def walk(box) -> None:
        size = tuple(round(v, 2) if isinstance(v, float | int) else v
                     for v in (box.position_x, box.position_y, box.width, box.height))  # fmt: skip
        out.append((type(box).__name__, box.element_tag, size, getattr(box, "text", None)))
        for child in getattr(box, "children", ()):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return out


def _book(extra: dict[str, str]):
    """The view of a month of eight sample posts and `extra` (title -> content), and a
    renderer for it."""
    from digest import periods
    from digest.config import DigestSettings
    from digest.render import monthly
    from digest.render.jinja import Renderer
    from digest.store.rows import DigestRow

    posts = [p for p in load_sample()[0] if p["date_gmt"].startswith("2026-04")][:8]
    rows = [
        DigestRow(source="sample", post_id=number, revision=1, title=title, link=p["link"],
                  date_gmt=p["date_gmt"], modified_gmt=p["modified_gmt"], excerpt="",
                  content=content, papers=("GS2",), subjects=("Polity",), categories=())
        for number, (p, title, content) in enumerate(
            [(p, p["title"]["rendered"], p["content"]["rendered"]) for p in posts]
            + [(posts[0], title, content) for title, content in extra.items()], start=1)
    ]  # fmt: skip
    settings = DigestSettings()
    period = periods.containing("monthly", date(2026, 4, 15), ZoneInfo("Asia/Kolkata"))
    return monthly.build(rows, period, settings), Renderer(settings)


def test_contents_numbers_are_set_on_the_last_line_of_their_entry(tmp_path):
    """The contents are laid out once, beside the posts, with a hidden slot for each number,
    written when the book is bound: on the baseline of the entry's last line, also for a
    title of three lines and one in Devanagari (a taller line), and pointing at its post."""
    from digest.render import monthly

    long = "A long title about the partnership of two countries that wraps onto more lines " * 3
    hindi = "भारत में मातृ मृत्यु दर में गिरावट"
    view, renderer = _book({long.strip(): "<p>Long.</p>", hindi: "<p>Hindi.</p>"})
    path = tmp_path / "book.pdf"
    path.write_bytes(monthly.pdf(view, renderer))
    reader = PdfReader(path)
    entries = _entries(reader)  # each number paired with the text on its very baseline
    assert len(entries) == 10 + 1 and entries[hindi] > 2
    last_line = [text for text in entries if long.strip().endswith(text)]
    assert last_line and len(last_line[0]) < len(long) / 2  # the third line, not the first
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    for text, number in entries.items():
        assert text in texts[number - 1] or long.strip().endswith(text), text


def test_the_books_own_user_agent_sheet_lays_out_exactly_as_weasyprints(monkeypatch):
    """#33: the book brings WeasyPrint's HTML5 rules for its own elements only (matching the
    whole sheet was a quarter of a part's layout). Every box of a part, laid out both ways,
    is in the same place: the sample month, and a post with every tag the sanitiser keeps."""
    import weasyprint

    from digest.render import monthly
    from digest.text import ALLOWED_TAGS

    assert ALLOWED_TAGS <= set(re.findall(r"<(\w+)", EVERY_TAG)) | {"tr", "td"}
    view, renderer = _book({"Every tag": EVERY_TAG})
    [part] = monthly._parts(view)

    def layout():
        return monthly._layout(renderer, view, "monthly-part.html.j2", monthly.PART_CSS,
                               part=part)  # fmt: skip

    ours = layout()
    book = monthly._book_html(renderer.asset("book-ua.css"))
    # The hook is WeasyPrint's own; were it gone, the book would silently use the full sheet.
    assert "_ua_stylesheets" in vars(weasyprint.HTML) and "_ua_stylesheets" in vars(book)
    hidden = '<p hidden>x</p><input type="submit">'
    assert len(_boxes(book(string=hidden).render())) != len(
        _boxes(weasyprint.HTML(string=hidden).render())
    )
    monkeypatch.setattr(monthly, "_book_html", lambda css: weasyprint.HTML)
    theirs = layout()
    assert len(ours.pages) == len(theirs.pages) > 1
    assert _boxes(ours) == _boxes(theirs)


LISTS = (
    "<p>Lists.</p><ul><li><strong>Shipbuilding and logistics:</strong> a first item long enough"
    " to wrap onto a second line, and on to a third one if the page is narrow enough for it to"
    " do so in this book.</li><li>A plain item that also runs on for long enough to wrap onto"
    " its second line of text here.<ul><li>A nested item, which also runs on long enough to wrap"
    " onto a second line of the page.</li></ul></li><li><p>An item whose text is in a paragraph"
    " that runs long enough to wrap onto a second line too.</p></li><li>&amp; an entity.</li>"
    "</ul><ol><li>A numbered item keeps its own marker.</li></ol>"
)
# WeasyPrint's own markers in the parts, as before the bullets were text.
NATIVE_MARKERS = (
    "ul > li { list-style-type: disc; text-indent: 0; }"
    ":is(ul, ol) ul > li { list-style-type: circle; text-indent: 0; }"
    "li > p:first-child { text-indent: 0; }"
)


def _lines(document) -> tuple[list[tuple], dict[float, float]]:
    """Every line of text: (page, top, its text without a leading bullet, right edge, left
    edge, first two characters), and where each marker box starts (by its line's top)."""
    from weasyprint.formatting_structure.boxes import LineBox, TextBox

    lines: list[tuple] = []
    markers: dict[float, float] = {}

    def texts(box):
        if isinstance(box, TextBox):
            yield box
        for child in getattr(box, "children", ()):
            yield from texts(child)

    def walk(number, box) -> None:
        if (box.element_tag or "").endswith("::marker"):
            markers[round(box.position_y, 1)] = round(box.position_x, 1)
            return
        if isinstance(box, LineBox):
            runs = list(texts(box))
            text = "".join(run.text for run in runs)
            if runs and text.strip():
                right = max(run.position_x + run.width for run in runs)
                lines.append((number, round(box.position_y, 1), text.lstrip("•–\u00a0"),
                              round(right, 1), round(runs[0].position_x, 1), text[:2]))  # fmt: skip
            return
        for child in getattr(box, "children", ()):
            walk(number, child)

    for number, page in enumerate(document.pages):
        walk(number, page._page_box)
    return lines, markers


def test_bulleted_items_are_laid_out_as_with_weasyprints_markers():
    """#33: with bullets written as text and a hanging indent, every line of a part breaks
    where it did with WeasyPrint's own markers and ends at the same place, and each bullet
    starts where the marker did: the sample month and a post of wrapping and nested items."""
    from digest.render import monthly

    view, renderer = _book({"Lists": LISTS})
    [part] = monthly._parts(view)

    def lines(css: str, bulleted: bool) -> tuple[list[tuple], dict[float, float]]:
        chosen = monthly._bulleted(part) if bulleted else part
        return _lines(monthly._layout(renderer, view, "monthly-part.html.j2",
                                      monthly.PART_CSS + css, part=chosen))  # fmt: skip

    ours, _ = lines("", bulleted=True)
    theirs, markers = lines(NATIVE_MARKERS, bulleted=False)
    assert [line[:4] for line in ours] == [line[:4] for line in theirs]
    bulleted = [line for line in ours if line[5] == "•\u00a0"]
    firsts = {line[2][:12] for line in bulleted}
    assert {"Shipbuilding", "A plain item", "An item whos", "& an entity."} <= firsts
    assert "A numbered i" not in firsts and len(bulleted) > 4  # the sample posts' items too
    for _, top, text, _, left, _ in bulleted:
        assert abs(markers[top] - left) < 0.5, text
    nested = [line for line in ours if line[5] == "–\u00a0"]
    assert [line[2][:8] for line in nested] == ["A nested"]


def test_a_users_own_stylesheet_does_not_bring_the_markers_back(tmp_path):
    """The bullets' CSS comes with the code that writes them, after monthly.css: a book
    styled by the user's own monthly.css has each bullet once, and no marker boxes."""
    from dataclasses import replace

    from digest.render import monthly
    from digest.render.jinja import Renderer

    (tmp_path / "monthly.css").write_text("li { list-style: square; color: #333; }\n")
    view, renderer = _book({"Lists": LISTS})
    renderer = Renderer(replace(renderer.settings, templates=tmp_path))
    assert renderer.asset("monthly.css").startswith("li { list-style: square")
    [part] = monthly._parts(view)
    document = monthly._layout(renderer, view, "monthly-part.html.j2", monthly.PART_CSS,
                               part=monthly._bulleted(part))  # fmt: skip
    lines, markers = _lines(document)
    numbered = [line for line in lines if line[2].startswith("A numbered")]
    assert len(numbered) == 1 and list(markers) == [numbered[0][1]]  # the <ol>'s own marker
    assert sum(line[5] == "•\u00a0" for line in lines) > 4
