"""French is the default interface and every string must have its French translation."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

SOURCE = Path(__file__).resolve().parents[1] / "src" / "palabre"


def test_french_catalogue_translates_every_string_of_the_code(tmp_path):
    """Extract the strings from the code as it is now and compare with the committed catalogue."""
    copy = tmp_path / "palabre"
    shutil.copytree(SOURCE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    po = copy / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    assert po.exists(), "src/palabre/locale/fr/LC_MESSAGES/django.po is missing"
    subprocess.run(
        [
            str(Path(sys.executable).with_name("palabre")),
            "makemessages",
            "-l",
            "fr",
            "--no-obsolete",
            "-v",
            "0",
        ],
        cwd=copy,
        check=True,
    )
    stats = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    untranslated = re.search(r"(\d+) untranslated", stats)
    fuzzy = re.search(r"(\d+) fuzzy", stats)
    missing = _untranslated_msgids(po)
    assert not untranslated and not fuzzy, f"{stats.strip()}; first missing: {missing[:15]}"


def _untranslated_msgids(po: Path) -> list[str]:
    """The msgids still to translate (empty or fuzzy), for the failure message."""

    def joined(keyword: str, entry: str) -> str:
        found = re.search(rf'^{keyword} ((?:".*"\n?)+)', entry, re.M)
        return "".join(re.findall(r'"(.*)"', found.group(1))) if found else ""

    missing = []
    for entry in po.read_text(encoding="utf-8").split("\n\n")[1:]:
        if "#, fuzzy" in entry or not joined(r"msgstr(?:\[0\])?", entry):
            missing.append(joined("msgid", entry))
    return missing


@pytest.mark.django_db
def test_interface_is_french_by_default_and_english_on_request(client, settings):
    settings.LANGUAGE_CODE = "fr"
    french = client.get(reverse("core:home"))
    assert '<html lang="fr">' in french.content.decode()
    assert "Régions" in french.content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("core:home"))
    assert '<html lang="en">' in english.content.decode()
    assert "Regions" in english.content.decode()
