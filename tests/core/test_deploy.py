"""Production settings pass Django's deployment checks; the README documents every setting."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PALABRE = str(Path(sys.executable).with_name("palabre"))


def production_env(tmp_path, **overrides) -> dict[str, str]:
    env = {
        **os.environ,
        "PALABRE_DATA_DIR": str(tmp_path / "data"),
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "palabre.example.org",
        "SITE_URL": "https://palabre.example.org",
        "SECURE_SSL_REDIRECT": "true",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
        "SECURE_HSTS_PRELOAD": "true",
        "BEHIND_HTTPS_PROXY": "true",
    }
    env.update(overrides)
    return env


def check_deploy(tmp_path, **overrides) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PALABRE, "check", "--deploy", "--fail-level", "WARNING"],
        cwd=tmp_path,
        env=production_env(tmp_path, **overrides),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = check_deploy(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_flags_debug_left_on(tmp_path):
    result = check_deploy(tmp_path, DEBUG="true")
    assert result.returncode != 0
    assert "security.W018" in result.stdout + result.stderr


def test_readme_documents_every_environment_variable_of_the_settings():
    settings = (ROOT / "src" / "palabre" / "settings.py").read_text()
    readme = (ROOT / "README.md").read_text()
    names = set(re.findall(r"env(?:\.\w+)?\(\s*\"([A-Z_]+)\"", settings))
    assert len(names) > 10
    undocumented = sorted(name for name in names if f"`{name}`" not in readme)
    assert not undocumented
