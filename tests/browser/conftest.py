"""Debian's Chromium driven by Playwright, shared by the browser tests."""

import importlib
import os

import pytest

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    # Playwright's sync API runs an event loop in this thread, which Django takes
    # for async code; the tests' own database work is still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
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


@pytest.fixture
def amount_rules(transactional_db):
    """The amount rules the migrations load: an earlier transactional test may have
    flushed them."""
    from donations.models import AmountRule

    rules = importlib.import_module("donations.migrations.0002_amount_rules").RULES
    for kind, currency, presets, minimum, maximum in rules:
        AmountRule.objects.get_or_create(
            kind=kind,
            currency=currency,
            defaults={"presets": presets, "minimum": minimum, "maximum": maximum},
        )
