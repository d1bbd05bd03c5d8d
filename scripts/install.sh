#!/usr/bin/env bash
# Install everything leadcheck and its tests need: a virtual environment in .venv with the
# package and its test extras, and (when run as root on Debian) LibreOffice, Python-UNO,
# a CJK font and poppler for the spreadsheet-engine tests and rendered pictures.
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
venv=.venv

# Step 1: system packages for LibreOffice-based checks and rendering.
missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
/usr/bin/python3 -c 'import uno' >/dev/null 2>&1 || missing+=(python3-uno)
fc-list 2>/dev/null | grep -qi 'wenquanyi\|wqy' || missing+=(fonts-wqy-microhei)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if ((${#missing[@]})); then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "正在安装系统软件包：${missing[*]}" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >/dev/null
    else
        echo "提示：缺少系统软件包 ${missing[*]}，LibreOffice 相关测试将无法运行。" >&2
        echo "      请以 root 运行：apt-get install ${missing[*]}" >&2
    fi
fi

# Step 2: the virtual environment, reinstalled only when pyproject.toml changes.
if [[ ! -x $venv/bin/python ]]; then
    "$python" -m venv "$venv"
fi
stamp=$venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [[ ! -e $stamp ]]; then
    "$venv/bin/python" -m pip install -q --upgrade pip
    # setuptools prints an English notice box while it builds the editable install; it
    # is not about this project, and users of the demo read Chinese.
    PYTHONWARNINGS=ignore "$venv/bin/python" -m pip install -q -e '.[test]'
    rm -f "$venv"/.installed-*
    touch "$stamp"
fi
