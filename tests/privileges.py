"""Running a command without root's power to ignore file permissions.

Tests of read-only and unreadable files run as root in CI, and root reads and writes any
file. ``without_file_override`` prefixes a command with ``setpriv`` so that the child
loses the two capabilities that bypass permission bits, and the permission test is real.
"""

from __future__ import annotations

import os
import shutil

import pytest

# CAP_DAC_OVERRIDE bypasses read, write and execute bits, and CAP_DAC_READ_SEARCH bypasses reads.
_DROPPED = "-dac_override,-dac_read_search"


def without_file_override(command: list[str]) -> list[str]:
    """Return ``command`` to run without root's permission override; unchanged for other users.

    Skips the calling test when the process is root and ``setpriv`` is not installed.
    """
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("setpriv is needed to drop root's file permission override")
    return [setpriv, f"--inh-caps={_DROPPED}", f"--bounding-set={_DROPPED}", *command]
