"""File modes for outputs written through a temporary file.

``tempfile.mkstemp`` creates files readable by their owner only (0600), which would make
an annotated copy or a shared master workbook private after ``os.replace``. Outputs get
the mode a plain ``open()`` would give instead, and a replaced file keeps its own mode.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def _default_mode() -> int:
    # os.umask has no read-only form, so it is set and restored at once.
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def apply_target_mode(temporary: Path | str, target: Path | str) -> None:
    """Give ``temporary`` the mode ``target`` has, or the umask default for a new file."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = _default_mode()
    os.chmod(temporary, mode)
