"""Suite-wide settings: in CI, the spreadsheet-engine tests must run, not skip."""

import os
import shutil
import subprocess

import pytest


def _libreoffice_missing() -> list[str]:
    missing = []
    if shutil.which("soffice") is None:
        missing.append("soffice (libreoffice-calc-nogui)")
    probe = subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True)
    if probe.returncode != 0:
        missing.append("python3-uno")
    if shutil.which("pdftoppm") is None:
        missing.append("pdftoppm (poppler-utils)")
    return missing


def pytest_sessionstart(session: pytest.Session) -> None:
    # Locally the LibreOffice tests skip with a reason; in CI a skip would hide a broken
    # install step, so the run stops instead.
    if os.environ.get("CI") and (missing := _libreoffice_missing()):
        pytest.exit(f"CI needs {', '.join(missing)}; scripts/install.sh installs them as root", returncode=1)
