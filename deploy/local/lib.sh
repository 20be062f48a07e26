# Shared by the deploy/local scripts (sourced, not run): paths, ports, process bookkeeping.
#
# Every process is started with -Dsne.cluster.home=$SNE_CLUSTER_HOME on its command line and its
# PID recorded in $SNE_CLUSTER_HOME/pids/<name>.pid. Processes are stopped by that PID only, and
# only after checking that the PID still carries our marker (a recycled PID is never touched).

SNE_LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SNE_REPO_ROOT="$(cd "$SNE_LOCAL_DIR/../.." && pwd)"

# Jars resolved by Maven live outside the repository and are shared by every cluster home.
SNE_CLUSTER_CACHE="${SNE_CLUSTER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sne-cluster}"
# One cluster's configuration, data, logs and PIDs.
SNE_CLUSTER_HOME="${SNE_CLUSTER_HOME:-$SNE_CLUSTER_CACHE/cluster}"
# All ports derive from one base so that two clusters (e.g. `sne cluster up` and the fail-over
# suite) can run side by side: Kafka brokers BASE+91..93, controllers BASE+191..193,
# Flink REST BASE+81, JobManager RPC BASE+123, blob server BASE+124, TaskManager N RPC BASE+200+N.
SNE_CLUSTER_PORT_BASE="${SNE_CLUSTER_PORT_BASE:-19000}"
SNE_KAFKA_NODES=3

# Small heaps and the C1 compiler only: this runs on laptops and 2-core CI machines next to other
# work. C1 roughly halves JVM cold start; for long benchmarks set SNE_CLUSTER_JAVA_OPTS="".
SNE_CLUSTER_JAVA_OPTS="${SNE_CLUSTER_JAVA_OPTS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
SNE_KAFKA_HEAP="${SNE_KAFKA_HEAP:--Xms320m -Xmx320m}"

SNE_JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

flink_rest_port() { echo $((SNE_CLUSTER_PORT_BASE + 81)); }
flink_rest_url() { echo "http://127.0.0.1:$(flink_rest_port)"; }
kafka_broker_port() { echo $((SNE_CLUSTER_PORT_BASE + 90 + $1)); }
kafka_controller_port() { echo $((SNE_CLUSTER_PORT_BASE + 190 + $1)); }
kafka_bootstrap() {
  local i servers=()
  for ((i = 1; i <= SNE_KAFKA_NODES; i++)); do servers+=("127.0.0.1:$(kafka_broker_port "$i")"); done
  (IFS=,; echo "${servers[*]}")
}

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
die() { echo "error: $*" >&2; exit 1; }

pid_file() { echo "$SNE_CLUSTER_HOME/pids/$1.pid"; }

# True when the recorded process of NAME is alive and still one of ours.
is_running() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  pid="$(<"$file")"
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "-Dsne.cluster.home=$SNE_CLUSTER_HOME "
}

recorded_pid() { cat "$(pid_file "$1")"; }

# start_java NAME LOGFILE JAVA-ARGS...: starts a JVM detached from this shell and records its PID.
start_java() {
  local name="$1" logfile="$2"; shift 2
  mkdir -p "$SNE_CLUSTER_HOME/pids" "$(dirname "$logfile")"
  is_running "$name" && die "$name is already running (PID $(recorded_pid "$name"))"
  # setsid: the JVM must not die with the terminal or CI step that started it, and a Ctrl-C in
  # this shell must not reach it; stop it with `cluster.sh down` or `cluster.sh stop NAME`.
  # The inner shell records its own PID and then becomes the JVM (exec), so the recorded PID is
  # the JVM's whether or not setsid had to fork.
  local pidfile
  pidfile="$(pid_file "$name")"
  rm -f "$pidfile"
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" \
    "$SNE_JAVA" -Dsne.cluster.home="$SNE_CLUSTER_HOME" -Dsne.cluster.process="$name" "$@" \
    >"$logfile" 2>&1 </dev/null &
  local i
  for ((i = 0; i < 50; i++)); do [[ -s "$pidfile" ]] && return 0; sleep 0.1; done
  die "$name did not start (see $logfile)"
}

# stop_process NAME [SIGNAL]: TERM (default) and wait up to 20 s, then KILL. KILL: at once.
stop_process() {
  local name="$1" signal="${2:-TERM}" pid i
  if ! is_running "$name"; then rm -f "$(pid_file "$name")"; return 0; fi
  pid="$(recorded_pid "$name")"
  kill -s "$signal" "$pid" 2>/dev/null || true
  for ((i = 0; i < 200; i++)); do
    is_running "$name" || break
    sleep 0.1
  done
  if is_running "$name"; then
    log "$name (PID $pid) ignored SIG$signal for 20 s; sending KILL"
    kill -s KILL "$pid" 2>/dev/null || true
    while is_running "$name"; do sleep 0.1; done
  fi
  rm -f "$(pid_file "$name")"
}

# Resident memory of a recorded process in MiB (0 when not running).
rss_mib() {
  is_running "$1" || { echo 0; return; }
  awk '/^VmRSS:/ {printf "%d", $2 / 1024}' "/proc/$(recorded_pid "$1")/status"
}

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.5 s.
wait_until() {
  local timeout_s="$1" what="$2"; shift 2
  local deadline=$((SECONDS + timeout_s))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || { log "timed out after ${timeout_s}s waiting for $what"; return 1; }
    sleep 0.5
  done
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
