# How the fail-over suite builds, submits and feeds the SNE job (sourced by failover-test.sh).
# The one place that knows the job's and the replay's command-line arguments.

JOB_JAR="$SNE_REPO_ROOT/flink-jobs/job/target/sne-job.jar"
CLI_TARGET="$SNE_REPO_ROOT/flink-jobs/cli/target"
SNE_RECORDINGS="${SNE_RECORDINGS:-$SNE_REPO_ROOT/samples/recordings/fashion-mnist-events}"
# Several streams: every stream replays all 50 recordings (15 s of event time) at a tenth of real
# time: 150 s, long enough for three TaskManager kills, a rescaling and a broker kill to happen
# while events arrive.
SNE_REPLAY_STREAMS="${SNE_REPLAY_STREAMS:-8}"
SNE_REPLAY_SPEED="${SNE_REPLAY_SPEED:-0.1}"
# A source partition without records for this long stops holding the watermark back. Killing a
# broker stalls the partitions it led for ~5 s while the others go on: with a shorter idleness the
# watermark would overtake them and their events would arrive late, so the output would depend on
# timing, not only on the input. Every run uses the same value; outputs settle after
# SOURCE_IDLENESS_MS once the input ends (then all partitions are idle and the last windows close).
SOURCE_IDLENESS_MS="${SOURCE_IDLENESS_MS:-15000}"
# The sinks' transaction naming (--transaction-naming): incrementing (the job's default) or pooling.
SNE_TRANSACTION_NAMING="${SNE_TRANSACTION_NAMING:-incrementing}"

build_job_and_replay() {
  log "building the job jar and the CLI (mvn package -DskipTests)"
  (cd "$SNE_REPO_ROOT" && mvn -B -q -DskipTests package -pl flink-jobs/job,flink-jobs/cli -am) \
    || die "build failed"
}

# submit_job OUTPUT-TOPIC NAME PARALLELISM [SAVEPOINT]: prints the job id. NAME keeps the consumer
# group and the transactional ids of different runs apart (a resumed job keeps its run's NAME).
submit_job() {
  local output="$1" name="$2" parallelism="$3" savepoint="${4:-}"
  "$SNE_LOCAL_DIR/cluster.sh" submit "$JOB_JAR" --parallelism "$parallelism" ${savepoint:+--savepoint "$savepoint"} -- \
    --bootstrap "$(kafka_bootstrap)" --input-topic "$EVENTS" --output-topic "$output" \
    --dead-letter-topic dead-letters --group-id "$name" --transactional-id-prefix "$name" \
    --model "$MODEL" --checkpoint-interval-ms 1000 --source-idleness-ms "$SOURCE_IDLENESS_MS" \
    --transaction-naming "$SNE_TRANSACTION_NAMING"
}

# choose_model: SNE_MODEL if set, else the committed events demo model, else the runtime's seeded
# benchmark model (exactly-once and determinism do not depend on trained weights).
choose_model() {
  if [[ -n "${SNE_MODEL:-}" ]]; then
    [[ -f "$SNE_MODEL" ]] || die "SNE_MODEL=$SNE_MODEL: no such file"
    echo "$SNE_MODEL"; return
  fi
  # The streaming job needs an events model (fmnist-direct takes images).
  local committed="$SNE_REPO_ROOT/samples/models/fmnist-events.safetensors"
  if [[ -f "$committed" ]]; then echo "$committed"; return; fi
  local generated="$SNE_CLUSTER_HOME/tools/reference-model.safetensors"
  mkdir -p "$SNE_CLUSTER_HOME/tools"
  "$SNE_JAVA" $SNE_CLUSTER_JAVA_OPTS -cp "$JOB_JAR" "$SNE_LOCAL_DIR/tools/ReferenceModel.java" "$generated" 42 >&2 \
    || die "could not write the reference model"
  echo "$generated"
}

# start_replay TOPIC: the sample folder as SNE_REPLAY_STREAMS streams (the same recordings under
# ids fashion-mnist-events, -2, -3, ...), paced in event time; in the background (REPLAY_PID).
start_replay() {
  local inputs=() i
  for ((i = 0; i < SNE_REPLAY_STREAMS; i++)); do inputs+=("$SNE_RECORDINGS"); done
  "$SNE_JAVA" $SNE_CLUSTER_JAVA_OPTS -Xmx256m -Dsne.cluster.home="$SNE_CLUSTER_HOME" \
    -cp "$CLI_TARGET/sne-cli.jar:$CLI_TARGET/lib/*" io.sne.cli.SneCli replay \
    --bootstrap "$(kafka_bootstrap)" --topic "$1" --speed "$SNE_REPLAY_SPEED" "${inputs[@]}" \
    >"$SNE_CLUSTER_HOME/logs/replay.out" 2>&1 &
  REPLAY_PID=$!
}

replay_summary() { tail -n 1 "$SNE_CLUSTER_HOME/logs/replay.out"; }

# committed_output count|await|compare ...: see tools/CommittedOutput.java. Compiled once per run.
committed_output() {
  local classes="$SNE_CLUSTER_HOME/tools" cp
  # The job jar has the Kafka client, Avro and Classification; logging comes from Flink's jars.
  cp="$JOB_JAR:$SNE_CLUSTER_CACHE/flink-lib/*"
  if [[ ! -f "$classes/CommittedOutput.class" ]]; then
    javac -nowarn -d "$classes" -cp "$cp" "$SNE_LOCAL_DIR/tools/CommittedOutput.java" >&2 || die "cannot compile CommittedOutput"
  fi
  "$SNE_JAVA" $SNE_CLUSTER_JAVA_OPTS -Xmx256m -Dlog4j2.configurationFile="$SNE_CLUSTER_HOME/kafka-tools-log4j2.properties" \
    -cp "$classes:$cp" CommittedOutput "$(kafka_bootstrap)" "$@"
}
