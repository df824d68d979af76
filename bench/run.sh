#!/usr/bin/env bash
# The archive-scale benchmark: installs what it needs (vegeta, Node 22 and
# PostGraphile under bench/postgraphile), builds Tanggap, the floor and the
# harness, then runs the harness with the arguments given, e.g.
#
#   bash bench/run.sh --issues 2000 --rounds 1     # quick check
#   bash bench/run.sh                              # 100,000 issues
#
# See bench/README.md. Not part of CI.
set -euo pipefail

cd "$(dirname "$0")/.."
work=bench/.work
mkdir -p "$work/bin"

export PATH="$(go env GOPATH)/bin:$PATH"
if ! command -v vegeta >/dev/null; then
  echo "installing vegeta" >&2
  (cd /tmp && go install github.com/tsenart/vegeta/v12@v12.13.0)
fi
if [ ! -x bench/postgraphile/node_modules/.bin/node ] || [ ! -d bench/postgraphile/node_modules/postgraphile ]; then
  echo "installing Node 22 and PostGraphile 5 into bench/postgraphile/node_modules" >&2
  (cd bench/postgraphile && npm ci --no-audit --no-fund)
fi
if ! psql -h 127.0.0.1 -U postgres -Atc 'select 1' >/dev/null 2>&1; then
  echo "PostgreSQL is not answering on 127.0.0.1:5432 (user postgres, trust)" >&2
  exit 1
fi

go build -o "$work/bin/tanggap" ./cmd/tanggap
go build -o "$work/bin/floor" ./bench/floor
go build -o "$work/bin/harness" ./bench/harness
exec "$work/bin/harness" run --work "$work" "$@"
