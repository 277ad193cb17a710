"""Debian's Chromium driven by Playwright, shared by the browser tests.

The tests run against a live server, so in transactions of their own
(django_db(transaction=True)); each module also asks for serialized_rollback,
so that every test starts with the rows the data migrations load (amount rules,
staff groups, the seventeen goals), which the flush after a transactional test
would otherwise leave empty."""

import os

import pytest

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    # Playwright's sync API runs an event loop in this thread, which Django takes
    # for async code; the tests' own database work is still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from django.db import DEFAULT_DB_ALIAS, connections
    from playwright.sync_api import sync_playwright

    # With that loop running, Django looks its connection up per async context and
    # would open a second one: keep the one the test database was set up on (it
    # holds the data serialized for serialized_rollback).
    connection = connections[DEFAULT_DB_ALIAS]
    with sync_playwright() as playwright:
        connections[DEFAULT_DB_ALIAS] = connection
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            # /dev/shm may be small on a CI machine; Chromium then crashes tabs, and a
            # crashed tab can leave a call waiting.
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-dev-shm-usage",
            ],
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def open_page(browser, **options):
    """A page in a fresh context that records requests to any other host."""
    context = browser.new_context(**options)
    page = context.new_page()
    page.foreign_requests = []
    # What the Content-Security-Policy blocked: the page must need nothing it forbids.
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            page.csp_violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.on(
        "request",
        lambda request: (
            page.foreign_requests.append(request.url)
            if not request.url.startswith(("http://localhost", "data:"))
            else None
        ),
    )
    return context, page


@pytest.fixture
def page(browser):
    context, page = open_page(browser)
    yield page
    context.close()
    assert page.foreign_requests == []  # nothing is loaded from another host
    assert page.csp_violations == []


@pytest.fixture
def page_without_js(browser):
    context, page = open_page(browser, java_script_enabled=False)
    yield page
    context.close()
    assert page.foreign_requests == []
    assert page.csp_violations == []
