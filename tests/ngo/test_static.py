import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db

MANIFEST = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def test_production_static_pipeline_serves_hashed_compressed_files(client, tmp_path):
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=MANIFEST):
        call_command("collectstatic", "--noinput", verbosity=0)
        html = client.get("/en/").content.decode()
    hashed = [p for p in (tmp_path / "css").iterdir() if p.name.startswith("site.")]
    names = {p.name for p in hashed}
    assert any(n.endswith(".css.gz") for n in names)
    css = next(n for n in names if n.endswith(".css") and n != "site.css")
    assert f'href="/static/css/{css}"' in html
    assert (tmp_path / "vendor" / "jquery-ui" / "jquery-ui.min.js").exists()


@pytest.mark.parametrize("name", ["site.css", "admin.css", "error.css"])
def test_every_rule_of_our_stylesheets_closes_its_braces(name):
    # A brace left open swallows every rule after it without any error in the
    # browser: the page simply loses its layout from there on.
    css = (settings.BASE_DIR / "static" / "css" / name).read_text()
    depth = 0
    for number, line in enumerate(css.splitlines(), 1):
        if line[:1] not in ("", " ", "}") and depth:
            raise AssertionError(f"{name}, line {number}: a rule starts inside an open brace")
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"{name}, line {number}: a brace closes nothing"
    assert depth == 0
