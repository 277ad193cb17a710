"""Crawl the public site in every language: every page answers and loads only our own files."""

from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

from tests.conftest import LANGUAGE_CODES

MAX_PAGES = 400
ASSET_TAGS = {"link": "href", "script": "src", "img": "src", "iframe": "src", "source": "srcset"}


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []
        self.assets = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for name in ("src", "href", "srcset"):
            if tag in ASSET_TAGS and attrs.get(name):
                for candidate in attrs[name].split(","):
                    self.assets.append((tag, candidate.strip().split(" ")[0]))


def foreign(url):
    parts = urlsplit(url)
    return parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver")


@pytest.fixture
def demo_site(db):
    call_command("load_demo", stdout=StringIO())


def crawl(client):
    queue = [f"/{code}/" for code in LANGUAGE_CODES]
    seen, pages = set(queue), {}
    while queue and len(pages) < MAX_PAGES:
        path = queue.pop(0)
        response = client.get(path)
        pages[path] = response
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = PageParser()
        parser.feed(response.content.decode())
        pages[path].assets = parser.assets
        for href in parser.links:
            target = urlsplit(urljoin(path, href))
            if target.netloc not in ("", "testserver") or target.scheme in ("mailto", "tel"):
                continue
            if not target.path.startswith(tuple(f"/{c}/" for c in LANGUAGE_CODES)):
                continue
            if target.path not in seen:
                seen.add(target.path)
                queue.append(target.path)
    return pages


def test_every_public_page_answers_and_loads_nothing_from_another_host(client, demo_site):
    pages = crawl(client)
    assert len(pages) >= 10
    assert {path: r.status_code for path, r in pages.items() if r.status_code != 200} == {}
    offenders = {
        path: [asset for asset in getattr(r, "assets", []) if foreign(asset[1])]
        for path, r in pages.items()
    }
    assert {path: found for path, found in offenders.items() if found} == {}


def test_foreign_asset_detection_catches_other_hosts():
    parser = PageParser()
    parser.feed(
        '<link rel="stylesheet" href="https://cdn.example.com/x.css">'
        '<script src="//fonts.example.net/f.js"></script><img src="/media/a.jpg">'
        '<img srcset="/media/a-480.webp 480w, https://img.example.org/b.webp 800w">'
    )
    assert [url for _tag, url in parser.assets if foreign(url)] == [
        "https://cdn.example.com/x.css",
        "//fonts.example.net/f.js",
        "https://img.example.org/b.webp",
    ]
