"""The offline copy: a deterministic zip in site/downloads/, linked from the home page,
whose index.html opens from the file system and links to the other pages relatively."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from browser.conftest import guard
from factsheet.site.offline import FIXED_TIME, TOP, write_zip

ZIP = Path("downloads") / "factsheet-offline.zip"


def test_home_page_links_to_the_offline_copy(page: Any, base_url: str, site_dir: Path) -> None:
    page.goto(base_url)
    link = page.locator("a[href$='factsheet-offline.zip']")
    assert link.count() == 1
    href = link.get_attribute("href")
    assert href is not None
    assert (site_dir / urlsplit(base_url + href).path.lstrip("/")).is_file()


def test_offline_zip_opens_index_html_with_relative_links(
    site_dir: Path, tmp_path: Path, browser: Any, foreign_requests: list[str]
) -> None:
    with zipfile.ZipFile(site_dir / ZIP) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert {info.date_time for info in archive.infolist()} == {FIXED_TIME}
        archive.extractall(tmp_path)
    index = tmp_path / TOP / "index.html"
    assert index.is_file()
    assert "factsheet-offline.zip" not in index.read_text(encoding="utf-8")

    context = browser.new_context()
    guard(context, foreign_requests)
    page = context.new_page()
    page.goto(index.as_uri())
    assert "Who said what" in page.locator("h1").first.inner_text()
    ariha = page.locator("article").get_by_role("link", name="Missile strike on a market in Ariha")
    ariha.first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://")
    assert page.url.endswith("/incidents/ariha-market-strike.html")
    assert "Ariha" in page.locator("h1").first.inner_text()
    # Search works from the file system too (index inlined, worker shim shipped locally).
    search = page.locator("input.md-search__input")
    search.click()
    page.wait_for_function(
        "() => !/Initializing/i.test(document.querySelector('.md-search-result__meta')"
        "?.textContent ?? 'Initializing')"
    )
    search.press_sequentially("Neistat")
    hit = page.locator(".md-search-result__item a").first
    hit.wait_for(state="visible")
    assert "anna-neistat.html" in (hit.get_attribute("href") or "")
    context.close()
    assert foreign_requests == []


def test_offline_zip_is_the_same_bytes_for_the_same_pages(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    (folder / "b").mkdir(parents=True)
    (folder / "b" / "x.html").write_text("x", encoding="utf-8")
    (folder / "a.html").write_text("a", encoding="utf-8")
    write_zip(folder, tmp_path / "one.zip")
    (folder / "a.html").touch()
    write_zip(folder, tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        assert archive.namelist() == [f"{TOP}/a.html", f"{TOP}/b/x.html"]
