#!/usr/bin/env bash
# Install leadcheck, then validate the shipped example sheet and write its annotated copy
# beside it as examples/示例客户登记.校验.xlsx.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/leadcheck validate examples/示例客户登记.xlsx --today 2026-12-01
