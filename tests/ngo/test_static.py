import pytest
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
