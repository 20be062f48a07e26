#!/usr/bin/env bash
# UDP ingest benchmark over loopback (see docs/benchmarks.md, "UDP ingest"). Arguments go to
# io.sne.ingest.udp.UdpIngestBench, e.g.: sink=none|kafka seconds=4 payload=512 timestamps=false rates=1,2,5,10,0 queue=4096
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
module="$root/flink-jobs/ingest"
(cd "$root" && mvn -B -q -pl flink-jobs/ingest -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test)
exec java -Xmx2g -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/test-classpath.txt")" \
  io.sne.ingest.udp.UdpIngestBench "$@"
