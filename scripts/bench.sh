#!/usr/bin/env bash
# Install what is missing, then measure leadcheck against its floors and print the table
# that docs/benchmarks.md quotes. Generated sheets are kept in benchmarks/data/ and reused.
# Extra arguments go to the runner (--sizes 1000,10000 for a quicker run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec .venv/bin/python -m benchmarks.run --json benchmarks/data/results.json "$@"
