#!/usr/bin/env bash
# scan-logs.sh LOG-DIR: prints every ERROR line of the cluster's process logs that no rule in
# failover-allowed-errors.txt explains; exits 1 if there is one. Each rule there says why that
# ERROR is expected; the data checks of the suite, not the logs, decide whether data was lost.
set -euo pipefail
dir="${1:?usage: scan-logs.sh LOG-DIR}"
rules="$(dirname "${BASH_SOURCE[0]}")/failover-allowed-errors.txt"
patterns="$(mktemp)"
trap 'rm -f "$patterns"' EXIT
grep -v -e '^#' -e '^[[:space:]]*$' "$rules" >"$patterns"
shopt -s nullglob
# Log4j level field: Flink writes "<date> ERROR <logger>", Kafka "[<date>] ERROR <message>".
errors="$(grep -H -E '^(\[[^]]*\]|[0-9-]+ [0-9:,]+) ERROR ' "$dir"/*.log || true)"
total="$(grep -c . <<<"$errors" || true)"
unexpected="$(grep -v -E -f "$patterns" <<<"$errors" || true)"
count="$(grep -c . <<<"$unexpected" || true)"
echo "log scan: $total ERROR lines, $((total - count)) explained by failover-allowed-errors.txt, $count unexpected"
if ((count > 0)); then
  head -n 20 <<<"$unexpected" | cut -c1-400 | sed 's/^/  unexpected: /'
  exit 1
fi
