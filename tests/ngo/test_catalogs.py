"""The committed translation catalogs are complete and compiled."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["nl", "fr", "nb", "da"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def po_file(code):
    return polib.pofile(str(ROOT / "locale" / code / "LC_MESSAGES" / "django.po"))


def key(entry):
    return (entry.msgctxt or "", entry.msgid)


def translations(catalog):
    result = {}
    for entry in catalog:
        if entry.obsolete or not entry.msgid:
            continue
        if entry.msgid_plural:
            result[key(entry)] = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
        else:
            result[key(entry)] = entry.msgstr
    return result


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_message_is_translated_and_not_fuzzy(code):
    catalog = po_file(code)
    live = [e for e in catalog if not e.obsolete]
    assert len(live) > 30
    assert [e.msgid for e in catalog.untranslated_entries()] == []
    assert [e.msgid for e in catalog.fuzzy_entries()] == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_compiled_catalog_holds_exactly_the_po_translations(code):
    mo = polib.mofile(str(ROOT / "locale" / code / "LC_MESSAGES" / "django.mo"))
    assert translations(mo) == translations(po_file(code))


@pytest.mark.parametrize("code", LANGUAGES)
def test_translations_keep_their_placeholders(code):
    for entry in po_file(code).translated_entries():
        targets = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for target in targets:
            assert sorted(set(PLACEHOLDER.findall(target))) == sorted(
                set(PLACEHOLDER.findall(entry.msgid))
            ), entry.msgid


def test_catalogs_hold_every_string_in_the_code(tmp_path):
    """Extract the strings again in a copy of the project and compare message ids.

    Extraction needs GNU gettext's xgettext, which CI installs and requires
    (REQUIRE_GETTEXT=1); a machine without it can only run the checks above.
    """
    if shutil.which("xgettext") is None:
        if os.environ.get("REQUIRE_GETTEXT"):
            pytest.fail("xgettext is required to check the catalogs (apt-get install gettext)")
        pytest.skip("GNU gettext is not installed")
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "media", "staticfiles", "*.sqlite3", "tests"
        ),
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--no-location"]
        + [arg for code in LANGUAGES for arg in ("-l", code)],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    for code in LANGUAGES:
        fresh = polib.pofile(str(copy / "locale" / code / "LC_MESSAGES" / "django.po"))
        committed = set(translations(po_file(code)))
        extracted = {key(e) for e in fresh if not e.obsolete and e.msgid}
        assert sorted(extracted - committed) == [], f"run `make messages` and translate ({code})"
        assert sorted(committed - extracted) == [], f"stale entries in {code}: run `make messages`"
