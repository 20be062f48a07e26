#!/usr/bin/env bash
# A real multi-process SNE deployment on one machine: a 3-node Kafka KRaft cluster and a Flink
# standalone session cluster (1 JobManager + 2 TaskManagers) on 127.0.0.1, from Maven-resolved jars.
#
#   cluster.sh up                      resolve jars (once), configure, start everything, create topics
#   cluster.sh down [--purge]          stop every recorded process (by PID); --purge also deletes data
#   cluster.sh status                  processes, RSS, Kafka quorum and Flink overview
#   cluster.sh submit JAR [--parallelism N] [--savepoint DIR] [--entry-class C] [-- PROGRAM-ARGS...]
#                                      upload the job jar via REST and run it; prints the job id
#   cluster.sh stop-with-savepoint JOB-ID      prints the savepoint path
#   cluster.sh start|stop|kill NAME    one process: kafka-1..3, jobmanager, taskmanager-N
#   cluster.sh topic NAME PARTITIONS   create a topic (replication 3, min.insync 2) if missing
#   cluster.sh kafka-tool CLASS ARGS   run one of Kafka's tools, e.g. org.apache.kafka.tools.TopicCommand
#
# Environment: SNE_CLUSTER_HOME (state; default ~/.cache/sne-cluster/cluster), SNE_CLUSTER_CACHE
# (jars; default ~/.cache/sne-cluster), SNE_CLUSTER_PORT_BASE (default 19000), SNE_CLUSTER_JAVA_OPTS.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$SNE_LOCAL_DIR/kafka.sh"
source "$SNE_LOCAL_DIR/flink.sh"

# The topics the SNE job reads and writes by default, with their partition counts.
SNE_TOPICS="${SNE_TOPICS:-sne.events:4 sne.classifications:4 sne.dead-letters:1}"

# Copies the Flink and Kafka classpaths into the cache once per version of the resolving poms.
resolve_jars() {
  local what stamp sum
  for what in flink kafka; do
    sum="$(sha256sum "$SNE_LOCAL_DIR/maven/$what/pom.xml" "$SNE_REPO_ROOT/pom.xml" | sha256sum | cut -c1-16)"
    stamp="$SNE_CLUSTER_CACHE/$what-lib/.resolved-$sum"
    [[ -f "$stamp" ]] && continue
    log "resolving the $what classpath with Maven into $SNE_CLUSTER_CACHE/$what-lib"
    rm -rf "$SNE_CLUSTER_CACHE/$what-lib"
    mkdir -p "$SNE_CLUSTER_CACHE"
    # Offline first (fast when ~/.m2 has the jars), then online.
    local mvn_log="$SNE_CLUSTER_CACHE/resolve-$what.log" args=(-B -f "$SNE_LOCAL_DIR/maven/$what/pom.xml" package
      -Dsne.cluster.lib="$SNE_CLUSTER_CACHE/$what-lib")
    mvn -o "${args[@]}" >"$mvn_log" 2>&1 || mvn "${args[@]}" >"$mvn_log" 2>&1 \
      || die "Maven could not resolve the $what jars (needs Maven Central once); see $mvn_log"
    touch "$stamp"
  done
}

process_names() {
  local i names=()
  for ((i = 1; i <= SNE_KAFKA_NODES; i++)); do names+=("kafka-$i"); done
  names+=(jobmanager)
  if [[ -d "$SNE_CLUSTER_HOME/pids" ]]; then
    for f in "$SNE_CLUSTER_HOME"/pids/taskmanager-*.pid; do [[ -e "$f" ]] && names+=("$(basename "$f" .pid)"); done
  fi
  printf '%s\n' "${names[@]}"
}

cmd_up() {
  local t0=$SECONDS i
  command -v curl >/dev/null && command -v jq >/dev/null || die "cluster.sh needs curl and jq"
  resolve_jars
  mkdir -p "$SNE_CLUSTER_HOME/logs"
  kafka_configure
  flink_configure
  kafka_format
  for ((i = 1; i <= SNE_KAFKA_NODES; i++)); do is_running "kafka-$i" || kafka_start "$i"; done
  # TaskManagers may start before the JobManager is up: they retry every second.
  is_running jobmanager || flink_start_jobmanager
  for ((i = 1; i <= SNE_TASKMANAGERS; i++)); do is_running "taskmanager-$i" || flink_start_taskmanager "$i"; done
  wait_until 120 "Kafka brokers" kafka_ready || die "Kafka did not start; see $SNE_CLUSTER_HOME/logs/kafka-*.log"
  local spec
  for spec in $SNE_TOPICS; do
    wait_until 60 "topic ${spec%%:*}" kafka_create_topic "${spec%%:*}" "${spec##*:}" \
      || die "could not create topic ${spec%%:*} (are all $SNE_KAFKA_NODES brokers up?)"
  done
  wait_until 120 "$SNE_TASKMANAGERS TaskManagers" flink_ready "$SNE_TASKMANAGERS" \
    || die "Flink did not start; see $SNE_CLUSTER_HOME/logs/jobmanager.log"
  log "cluster up in $((SECONDS - t0)) s: Kafka $(kafka_bootstrap), Flink $(flink_rest_url)"
}

# stop_group NAME...: SIGTERM to all at once, then wait for each (KILL after 20 s).
stop_group() {
  local name pids=()
  for name in "$@"; do
    is_running "$name" || { rm -f "$(pid_file "$name")"; continue; }
    log "stopping $name (PID $(recorded_pid "$name"))"
    stop_process "$name" &
    pids+=($!)
  done
  for name in ${pids[@]+"${pids[@]}"}; do wait "$name" || true; done
}

cmd_down() {
  local names
  mapfile -t names < <(process_names)
  # TaskManagers, then the JobManager, then Kafka: jobs stop before their brokers go. The Kafka
  # nodes stop together: the last of them to stop alone would wait for a controller quorum.
  stop_group $(printf '%s\n' "${names[@]}" | grep '^taskmanager-' || true)
  stop_group jobmanager
  stop_group $(printf '%s\n' "${names[@]}" | grep '^kafka-')
  [[ "${1:-}" == "--purge" ]] && purge_home
  return 0
}

# Deletes the cluster home, but only if everything in it is something this script creates: a
# mistyped --home must never delete a user's directory.
purge_home() {
  [[ -d "$SNE_CLUSTER_HOME" ]] || return 0
  local entry
  for entry in "$SNE_CLUSTER_HOME"/* "$SNE_CLUSTER_HOME"/.[!.]*; do
    [[ -e "$entry" ]] || continue
    case "$(basename "$entry")" in
      logs | pids | flink-conf | checkpoints | savepoints | kafka-[0-9]* | kafka-cluster-id | kafka*log4j2.properties | tools | work | results.txt) ;;
      *) die "not deleting $SNE_CLUSTER_HOME: $(basename "$entry") was not made by cluster.sh" ;;
    esac
  done
  rm -rf "$SNE_CLUSTER_HOME"
  log "deleted $SNE_CLUSTER_HOME"
}

cmd_status() {
  local name total=0 rss any=0
  printf '%-16s %-8s %-8s %s\n' PROCESS PID RSS_MIB STATE
  while read -r name; do
    if is_running "$name"; then
      rss="$(rss_mib "$name")"; total=$((total + rss)); any=1
      printf '%-16s %-8s %-8s %s\n' "$name" "$(recorded_pid "$name")" "$rss" running
    else
      printf '%-16s %-8s %-8s %s\n' "$name" - - stopped
    fi
  done < <(process_names)
  echo "total RSS: ${total} MiB"
  ((any)) || return 3
  echo "Kafka $(kafka_bootstrap):"
  kafka_tool org.apache.kafka.tools.MetadataQuorumCommand --bootstrap-server "$(kafka_bootstrap)" \
    describe --replication 2>/dev/null | sed 's/^/  /' || echo "  quorum not reachable"
  echo "Flink $(flink_rest_url):"
  flink_rest /overview 2>/dev/null | jq -r '"  taskmanagers=\(.taskmanagers) slots=\(."slots-total") free=\(."slots-available") running-jobs=\(."jobs-running")"' \
    || echo "  REST API not reachable"
  flink_rest /jobs/overview 2>/dev/null | jq -r '.jobs[] | "  job \(.jid) \(.name) \(.state)"' || true
}

cmd_submit() {
  local jar="${1:?usage: submit JAR [--parallelism N] [--savepoint DIR] [--entry-class C] [-- ARGS...]}"; shift
  local parallelism="" savepoint="" entry="" args=()
  while (($#)); do
    case "$1" in
      --parallelism) parallelism="$2"; shift 2 ;;
      --savepoint) savepoint="$2"; shift 2 ;;
      --entry-class) entry="$2"; shift 2 ;;
      --) shift; args=("$@"); break ;;
      *) die "submit: unknown option $1" ;;
    esac
  done
  [[ -f "$jar" ]] || die "no job jar at $jar (build it: mvn -B -q -pl flink-jobs/job -am package -DskipTests)"
  local upload jar_id body response
  upload="$(curl -fsS --max-time 60 -F "jarfile=@$jar" "$(flink_rest_url)/jars/upload")" || die "jar upload failed"
  jar_id="$(jq -r '.filename' <<<"$upload")"; jar_id="${jar_id##*/}"
  body="$(jq -n --arg p "$parallelism" --arg s "$savepoint" --arg e "$entry" '$ARGS.positional as $a
    | {programArgsList: $a}
    + (if $p != "" then {parallelism: ($p | tonumber)} else {} end)
    + (if $s != "" then {savepointPath: $s} else {} end)
    + (if $e != "" then {entryClass: $e} else {} end)' --args -- ${args[@]+"${args[@]}"})"
  response="$(curl -sS --max-time 120 -H 'Content-Type: application/json' -d "$body" "$(flink_rest_url)/jars/$jar_id/run")"
  jq -e -r '.jobid' <<<"$response" 2>/dev/null || die "job submission failed: $response"
}

cmd_stop_with_savepoint() {
  local job="${1:?usage: stop-with-savepoint JOB-ID}" trigger status i
  trigger="$(curl -fsS -H 'Content-Type: application/json' \
    -d "{\"targetDirectory\":\"file://$SNE_CLUSTER_HOME/savepoints\",\"drain\":false}" \
    "$(flink_rest_url)/jobs/$job/stop" | jq -r '."request-id"')" || die "stop-with-savepoint request failed"
  for ((i = 0; i < 240; i++)); do
    status="$(flink_rest "/jobs/$job/savepoints/$trigger")"
    case "$(jq -r '.status.id' <<<"$status")" in
      COMPLETED)
        jq -e -r '.operation.location // empty' <<<"$status" || die "savepoint failed: $(jq -c '.operation' <<<"$status")"
        return 0 ;;
    esac
    sleep 0.5
  done
  die "savepoint of $job did not complete in 120 s"
}

cmd_start() {
  local name="${1:?usage: start NAME}"
  case "$name" in
    kafka-[0-9]*) kafka_start "${name#kafka-}" ;;
    jobmanager) flink_start_jobmanager ;;
    taskmanager-[0-9]*) flink_start_taskmanager "${name#taskmanager-}" ;;
    *) die "unknown process $name (kafka-1..$SNE_KAFKA_NODES, jobmanager, taskmanager-N)" ;;
  esac
  log "started $name (PID $(recorded_pid "$name"))"
}

case "${1:-}" in
  up) cmd_up ;;
  down) shift; cmd_down "$@" ;;
  status) cmd_status ;;
  submit) shift; cmd_submit "$@" ;;
  stop-with-savepoint) shift; cmd_stop_with_savepoint "$@" ;;
  start) shift; cmd_start "$@" ;;
  stop) stop_process "${2:?usage: stop NAME}" ;;
  kill) is_running "${2:?usage: kill NAME}" || die "$2 is not running"; stop_process "$2" KILL ;;
  topic) kafka_create_topic "${2:?usage: topic NAME PARTITIONS}" "${3:?usage: topic NAME PARTITIONS}" ;;
  kafka-tool) shift; kafka_tool "$@" ;;
  jars) resolve_jars ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
esac
