#!/usr/bin/env bash
# Fail-over and rescaling suite on a real multi-process cluster (3 Kafka KRaft nodes, Flink 1 JM +
# 2 TMs, all on 127.0.0.1). Exit 0 only when every check holds; the last line is
#   lost=N duplicated=N identical=true|false
# summed over both comparisons (fail-over vs clean run, rescaled vs clean run).
#
#  1. Live phase: the samples are replayed into the events topic as several streams, paced in
#     event time, while two jobs read it: the fail-over job at parallelism 4 and the rescaling job
#     at parallelism 2. During the replay: kill -9 a busy TaskManager (a replacement starts at
#     once); stop the rescaling job with a savepoint and resume it from there at parallelism 4;
#     kill -9 the active Kafka controller (also a broker; restarted 10 s later); kill -9 a busy
#     TaskManager twice more.
#  2. Clean run: the same job over the same, now complete, input at parallelism 4, nothing killed.
#  3. Compare, with a read_committed consumer, the fail-over and the rescaled outputs to the clean
#     one: no decision lost, none duplicated, every field identical (except processedAtMs, wall
#     clock). Scan every process log for ERROR lines not explained in failover-allowed-errors.txt.
#
# Needs: Java 17, Maven, curl, jq; about 2.5 GB of memory. Takes 6-8 minutes on 2 busy cores.
# Environment: SNE_FAILOVER_HOME (default ~/.cache/sne-cluster/failover), SNE_FAILOVER_PORT_BASE
# (default 29000, so it can run next to `sne cluster up`), SNE_SKIP_BUILD=1 to reuse built jars,
# SNE_KEEP_CLUSTER=1 to leave the cluster running for inspection (stop: cluster.sh down).
set -euo pipefail
export SNE_CLUSTER_HOME="${SNE_FAILOVER_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/sne-cluster/failover}"
export SNE_CLUSTER_PORT_BASE="${SNE_FAILOVER_PORT_BASE:-29000}"
# Two jobs at once during the live phase (4 + 2, then 4 + 4 after rescaling): 2 TaskManagers with
# 4 slots each, and metaspace for two jobs' class loaders.
export SNE_TASK_SLOTS=4 SNE_TM_PROCESS_SIZE=1024m SNE_TM_METASPACE=256m
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$SNE_LOCAL_DIR/flink.sh"
source "$SNE_LOCAL_DIR/job.sh"

CLUSTER="$SNE_LOCAL_DIR/cluster.sh"
EVENTS=events
export SNE_TOPICS="$EVENTS:4 out-clean:4 out-failover:4 out-rescaled:4 dead-letters:1"
SUITE_T0=$SECONDS
RESULTS="$SNE_CLUSTER_HOME/results.txt"

report() { log "$*"; echo "$*" >>"$RESULTS"; }

cleanup() {
  local rc=$?
  [[ -n "${REPLAY_PID:-}" ]] && kill "$REPLAY_PID" 2>/dev/null
  [[ -n "${BROKER_RESTART_PID:-}" ]] && wait "$BROKER_RESTART_PID" 2>/dev/null
  if [[ "${SNE_KEEP_CLUSTER:-0}" == 1 ]]; then
    log "cluster left running (SNE_KEEP_CLUSTER=1): SNE_CLUSTER_HOME=$SNE_CLUSTER_HOME SNE_CLUSTER_PORT_BASE=$SNE_CLUSTER_PORT_BASE $CLUSTER down"
  else
    "$CLUSTER" down >/dev/null 2>&1 || true
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- helpers over Flink's REST API -------------------------------------------------------------

job_in_state() { [[ "$(flink_rest "/jobs/$1" | jq -r '.state')" == "$2" ]]; }

# cancel_job ID: cancels and waits until its slots are free again for the next job.
cancel_job() {
  curl -fsS -X PATCH "$(flink_rest_url)/jobs/$1?mode=cancel" >/dev/null || die "could not cancel job $1"
  wait_until 60 "job $1 cancelled" job_in_state "$1" CANCELED || die "job $1 did not cancel"
}
job_restarts() { flink_rest "/jobs/$1/metrics?get=numRestarts" | jq -r '.[0].value // "0"'; }
restarted_since() { (( $(job_restarts "$1") > $2 )); }

# All tasks of the job are RUNNING (the job state alone says RUNNING while tasks are redeployed).
job_tasks_running() {
  flink_rest "/jobs/$1" | jq -e '.state == "RUNNING" and ([.vertices[].status] | all(. == "RUNNING"))' >/dev/null
}

all_tasks_running() {
  local job
  for job in "$@"; do job_tasks_running "$job" || return 1; done
}

total_rss() {
  local name total=0
  for name in $(ls "$SNE_CLUSTER_HOME/pids" | sed 's/\.pid$//'); do total=$((total + $(rss_mib "$name"))); done
  echo "$total"
}

# busy_taskmanager JOB: the TaskManager running the most tasks of JOB, named as cluster.sh names it.
busy_taskmanager() {
  local vertex
  for vertex in $(flink_rest "/jobs/$1" | jq -r '.vertices[].id'); do
    flink_rest "/jobs/$1/vertices/$vertex/taskmanagers" | jq -r '.taskmanagers[] | select(.status == "RUNNING") | ."taskmanager-id"'
  done | sort | uniq -c | sort -rn | awk 'NR == 1 {print $2}'
}

# kill_busy_taskmanager JOB LABEL: kill -9, start a replacement at once, time the recovery.
NEXT_TM=$((SNE_TASKMANAGERS + 1))
kill_busy_taskmanager() {
  local job="$1" label="$2" victim restarts t_kill
  victim="$(busy_taskmanager "$job")"
  [[ -n "$victim" ]] || die "$label: no TaskManager is running tasks of job $job"
  restarts="$(job_restarts "$job")"
  t_kill=$SECONDS
  "$CLUSTER" kill "$victim"
  "$CLUSTER" start "taskmanager-$NEXT_TM" 2>/dev/null
  NEXT_TM=$((NEXT_TM + 1))
  wait_until 60 "$label: job restart noticed" restarted_since "$job" "$restarts" || die "$label: the job never restarted after $victim was killed"
  # 180 s: on a quiet box recovery takes 23-86 s from the kill; a CI run beside a 2-thread training run
  # (2026-11-28) saw 102 s, then a third recovery past the old 120 s limit
  wait_until 180 "$label: all tasks running again" job_tasks_running "$job" || die "$label: the job did not recover"
  report "$label: kill -9 $victim at +$((t_kill - replay_t0)) s of the replay; all tasks running again after $((SECONDS - t_kill)) s"
}

active_controller() {
  "$CLUSTER" kafka-tool org.apache.kafka.tools.MetadataQuorumCommand --bootstrap-server "$(kafka_bootstrap)" \
    describe --status 2>/dev/null | awk -F'[: \t]+' '/^LeaderId/ {print $2}'
}

kill_active_controller() {
  local node t_kill
  node="$(active_controller)"
  [[ -n "$node" ]] || die "cannot find the active Kafka controller"
  t_kill=$SECONDS
  "$CLUSTER" kill "kafka-$node"
  report "broker: kill -9 kafka-$node (active controller, broker) at +$((t_kill - replay_t0)) s of the replay; restarted 10 s later"
  # Back in the background, while the suite goes on killing TaskManagers.
  (sleep 10 && "$CLUSTER" start "kafka-$node" 2>/dev/null \
    && wait_until 90 "kafka-$node listening again" port_open "$(kafka_broker_port "$node")") &
  BROKER_RESTART_PID=$!
}

# await_output TOPIC MIN: prints the committed count once >= MIN and then quiet for longer than
# the source idleness plus a few checkpoints (the last windows close only after the idleness).
await_output() {
  committed_output await "$1" $((SOURCE_IDLENESS_MS / 1000 + 8)) 300 "$2" || die "output on $1 never settled"
}

# --- the suite ---------------------------------------------------------------------------------

[[ "${SNE_SKIP_BUILD:-0}" == 1 ]] || build_job_and_replay
# A fresh cluster every run: output topics left from an earlier run would be counted as this one's.
"$CLUSTER" down --purge >/dev/null || die "could not clear $SNE_CLUSTER_HOME from an earlier run"
mkdir -p "$SNE_CLUSTER_HOME/work"; : >"$RESULTS"
t=$SECONDS
"$CLUSTER" up
report "cold start: cluster up in $((SECONDS - t)) s"
MODEL="$(choose_model)"
report "model: $MODEL"

# 1. Live phase: the fail-over job (parallelism 4) and the rescaling job (parallelism 2) both read
#    the replay as it is written; kills hit both.
PHASE_T0=$SECONDS
failover_job="$(submit_job out-failover sne-failover 4)"
rescale_job="$(submit_job out-rescaled sne-rescaled 2)"
wait_until 120 "jobs running" all_tasks_running "$failover_job" "$rescale_job" \
  || die "the jobs did not start; see $SNE_CLUSTER_HOME/logs/jobmanager.log"
start_replay "$EVENTS"
replay_t0=$SECONDS
report "replay: $SNE_REPLAY_STREAMS streams at speed $SNE_REPLAY_SPEED started at +$((replay_t0 - PHASE_T0)) s"
sleep 8
kill_busy_taskmanager "$failover_job" "taskmanager kill 1 (early)"
report "RSS of all cluster processes while the jobs run: $(total_rss) MiB"

# Rescaling, part-way through the replay: stop with a savepoint at 2, resume from it at 4.
wait_until 120 "rescaling job running" job_tasks_running "$rescale_job" || die "the rescaling job did not recover"
t=$SECONDS
savepoint="$("$CLUSTER" stop-with-savepoint "$rescale_job")"
before_savepoint="$(committed_output count out-rescaled)"
rescaled_job="$(submit_job out-rescaled sne-rescaled 4 "$savepoint")"
wait_until 120 "rescaled job running" job_tasks_running "$rescaled_job" || die "the job did not resume from $savepoint"
report "rescaling: savepoint at parallelism 2 at +$((t - replay_t0)) s of the replay ($before_savepoint decisions committed before it), running at parallelism 4 $((SECONDS - t)) s later"

kill_active_controller
sleep 5
kill_busy_taskmanager "$failover_job" "taskmanager kill 2 (middle)"
kill_busy_taskmanager "$failover_job" "taskmanager kill 3 (late)"
replay_exit=0
wait "$REPLAY_PID" || replay_exit=$?
REPLAY_PID=""
[[ "$replay_exit" == 0 ]] || die "replay failed (exit $replay_exit); see $SNE_CLUSTER_HOME/logs/replay.out"
report "replay: $(replay_summary)"
wait "$BROKER_RESTART_PID" || die "the killed Kafka node did not come back"
BROKER_RESTART_PID=""
await_output out-failover 1 >"$SNE_CLUSTER_HOME/work/failover.count" &
await_failover=$!
rescaled_count="$(await_output out-rescaled 1)"
wait "$await_failover" || die "output on out-failover never settled"
report "fail-over run: $(<"$SNE_CLUSTER_HOME/work/failover.count") committed decisions; rescaled run: $rescaled_count"
cancel_job "$failover_job"
cancel_job "$rescaled_job"

# 2. Clean run over the same, now complete, input: nothing killed, parallelism 4 throughout.
clean_job="$(submit_job out-clean sne-clean 4)"
clean_count="$(await_output out-clean 1)"
cancel_job "$clean_job"
report "clean run: $clean_count committed decisions"

# 3. Verdict.
status=0
committed_output compare out-clean out-failover >"$SNE_CLUSTER_HOME/work/failover.compare" &
compare_failover=$!
rescaled_line="$(committed_output compare out-clean out-rescaled)" || status=1
wait "$compare_failover" || status=1
failover_line="$(<"$SNE_CLUSTER_HOME/work/failover.compare")"
report "fail-over vs clean: $failover_line"
report "rescaled vs clean:  $rescaled_line"
if ! "$SNE_LOCAL_DIR/scan-logs.sh" "$SNE_CLUSTER_HOME/logs" >>"$RESULTS"; then
  status=1; log "unexpected ERROR lines in the logs (see $RESULTS)"
fi
grep -E 'log scan|unexpected:' "$RESULTS" >&2 || true
report "suite time: $((SECONDS - SUITE_T0)) s"

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }
lost=$(( $(field lost "$failover_line") + $(field lost "$rescaled_line") ))
duplicated=$(( $(field duplicated "$failover_line") + $(field duplicated "$rescaled_line") ))
identical=false
[[ "$(field identical "$failover_line")" == true && "$(field identical "$rescaled_line")" == true ]] && identical=true
echo "lost=$lost duplicated=$duplicated identical=$identical"
exit $status
