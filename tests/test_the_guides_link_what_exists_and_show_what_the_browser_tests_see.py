"""The guides in docs/ hold together without building them: every page the navigation names
exists, every link between pages and to an anchor lands, and every screenshot they show is one
the browser tests take and docs/screenshots.sh copies. (CI also builds them with
`mkdocs build --strict`, .ci/docs.) Before, there was nothing to read: no guide, no LICENSE, no
changelog."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
LINK = re.compile(r"(!?)\[[^\]]*\]\(([^)\s]+)\)")


def _pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def _anchors(page: Path) -> set[str]:
    """Heading ids as Python-Markdown's toc makes them: accents dropped, spaces to hyphens."""
    found = set()
    for heading in re.findall(r"^#{1,6} (.+)$", page.read_text("utf-8"), re.M):
        text = unicodedata.normalize("NFKD", heading).encode("ascii", "ignore").decode()
        text = re.sub(r"[^\w\s-]", "", text).strip().lower()
        found.add(re.sub(r"[-\s]+", "-", text))
    return found


def test_every_page_in_the_navigation_exists_and_every_page_is_in_it() -> None:
    named = re.findall(r":\s+([\w/.-]+\.md)\s*$", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)
    assert named and all((DOCS / name).is_file() for name in named)
    assert {p.relative_to(DOCS).as_posix() for p in _pages()} == set(named)


def test_every_link_between_pages_lands() -> None:
    for page in _pages():
        for image, target in LINK.findall(page.read_text("utf-8")):
            if image or target.startswith(("http://", "https://", "mailto:")):
                continue
            path, _, anchor = target.partition("#")
            landing = (page.parent / path).resolve() if path else page
            assert landing.is_file(), f"{page.relative_to(ROOT)}: {target}"
            assert not anchor or anchor in _anchors(landing), f"{page.relative_to(ROOT)}: {target}"


def test_every_screenshot_shown_is_taken_by_a_browser_test_and_copied() -> None:
    copied = set(re.search(r"used=\(([^)]*)\)", (DOCS / "screenshots.sh").read_text("utf-8")).group(1).split())
    taken = set()
    for test in (ROOT / "tests").rglob("test_*.py"):
        taken |= set(re.findall(r'ARTIFACTS / "([\w.-]+\.png)"', test.read_text("utf-8")))
    shown = {Path(target).name for page in _pages() for image, target in LINK.findall(page.read_text("utf-8")) if image}
    assert shown and shown <= copied <= taken


def test_the_guides_are_in_vietnamese_and_the_licence_and_changelog_are_there() -> None:
    for page in _pages():
        assert re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", page.read_text("utf-8")), page
    assert "Apache License" in (ROOT / "LICENSE").read_text("utf-8")
    assert (ROOT / "CHANGELOG.md").read_text("utf-8").startswith("# ")
    readme = (ROOT / "README.md").read_text("utf-8")
    assert readme.index("make demo") < readme.index("Cadence đọc") and len(readme.splitlines()) < 120
