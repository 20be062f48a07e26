#!/usr/bin/env bash
# scan-logs.sh LOG-DIR: prints every ERROR line of the cluster's process logs that no rule in
# failover-allowed-errors.txt explains (each ERROR line is matched together with the exception
# line after it); exits 1 if there is one. Each rule there says why that
# ERROR is expected; the data checks of the suite, not the logs, decide whether data was lost.
set -euo pipefail
dir="${1:?usage: scan-logs.sh LOG-DIR}"
rules="$(dirname "${BASH_SOURCE[0]}")/failover-allowed-errors.txt"
patterns="$(mktemp)"
trap 'rm -f "$patterns"' EXIT
grep -v -e '^#' -e '^[[:space:]]*$' "$rules" >"$patterns"
shopt -s nullglob
# Log4j level field: Flink writes "<date> ERROR <logger>", Kafka "[<date>] ERROR <message>". The
# exception usually follows on the next line; it is joined with " | " so rules can name it.
errors="$(awk '
  FNR == 1 { if (pending != "") print pending; pending = "" }
  pending != "" { if ($0 ~ /^[A-Za-z_$][A-Za-z0-9_.$]*(Exception|Error)/) pending = pending " | " $0; print pending; pending = "" }
  /^(\[[^]]*\]|[0-9-]+ [0-9:,]+) ERROR / { pending = FILENAME ":" $0 }
  END { if (pending != "") print pending }' "$dir"/*.log)"
total="$(grep -c . <<<"$errors" || true)"
unexpected="$(grep -v -E -f "$patterns" <<<"$errors" || true)"
count="$(grep -c . <<<"$unexpected" || true)"
echo "log scan: $total ERROR lines, $((total - count)) explained by failover-allowed-errors.txt, $count unexpected"
if ((count > 0)); then
  head -n 20 <<<"$unexpected" | cut -c1-400 | sed 's/^/  unexpected: /'
  exit 1
fi
