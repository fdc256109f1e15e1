#!/usr/bin/env bash
# Shared settings of the end-to-end benchmark (sourced by run.sh and postfix-sender.sh).
# Everything binds to 127.0.20.0/24 (apart from the rig's 127.0.10.0/24), lives
# under $BENCH_DIR, and is stopped by pid.
# shellcheck disable=SC2034  # used by the scripts that source this file

BENCH_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_SRC/../.." && pwd)"
BENCH_DIR="${MAILSTROM_BENCH_DIR:-/tmp/mailstrom-bench}"
BENCH_ART="${MAILSTROM_BENCH_ARTIFACTS:-/tmp/mailstrom-bench-artifacts}"
PID_DIR="$BENCH_DIR/pids"
# Logs go to memory (tmpfs) when the machine has one, and $BENCH_DIR/logs links to them. On the disk that holds the
# databases and queues, the writeback of ~0.5 MB/s of per-message log lines stalled the SQLite WAL's and Postfix's
# fsyncs for up to half a second (docs/performance.md, "The fourth round"); in production they go to a log pipeline.
if [[ -d /dev/shm && -w /dev/shm ]]; then
  LOG_DIR="/dev/shm/$(basename "$BENCH_DIR")-logs"
else
  LOG_DIR="$BENCH_DIR/logs"
fi

BENCH_ZONE=bench.test
SINK_DOMAIN="sink.$BENCH_ZONE"            # every benchmark recipient is @sink.bench.test
SINK_HOST="mx.sink.$BENCH_ZONE"
SINK_ADDR=127.0.20.10
SMTP_PORT=2525
DNS_ADDR=127.0.20.53
DNS_PORT=15353
PEER_ADDR=127.0.20.1                       # the Postfix sender's smtpd
PEER_HOST="relay.$BENCH_ZONE"
APP_ADDR=127.0.20.2
WEBHOOK_ADDR=127.0.20.30                   # --webhooks: the receiver of the app's events
WEBHOOK_PORT=18080
APP_PORT=7071
SENDER="loadtest@sender.$BENCH_ZONE"
SINK_LOG="$LOG_DIR/smtp-sink.log"

# The Durable engine's storage: the bench's own Azurite (in memory), on its own address. The binary is
# $MAILSTROM_AZURITE, else the rig's (eng/rig/install.sh puts it under .tools), else the one on PATH.
AZURITE_ADDR=127.0.20.20
AZURITE_BLOB_PORT=10000
AZURITE_QUEUE_PORT=10001
AZURITE_TABLE_PORT=10002
# The well-known development-storage account, on the bench's address.
AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;\
BlobEndpoint=http://$AZURITE_ADDR:$AZURITE_BLOB_PORT/devstoreaccount1;QueueEndpoint=http://$AZURITE_ADDR:$AZURITE_QUEUE_PORT/devstoreaccount1;\
TableEndpoint=http://$AZURITE_ADDR:$AZURITE_TABLE_PORT/devstoreaccount1;"
azurite_bin() {
  local candidate
  for candidate in "${MAILSTROM_AZURITE:-}" "$REPO_ROOT/.tools/azurite/node_modules/.bin/azurite" "$(command -v azurite || true)"; do
    [[ -n "$candidate" && -x "$candidate" ]] && { echo "$candidate"; return 0; }
  done
  return 1
}

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

now() { date +%s.%N; }
# elapsed START [END]: seconds between two `now` values.
elapsed() { awk -v a="$1" -v b="${2:-$(now)}" 'BEGIN { printf "%.3f", b - a }'; }
# ratio A B [FORMAT]
ratio() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN { if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b == 0) print "n/a"; else printf f, a / b }'; }

# pid_of NAME: the recorded pid if that process is alive.
pid_of() {
  local pid
  pid="$(cat "$PID_DIR/$1.pid" 2>/dev/null)" || return 1
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# stop_pid NAME: TERM, wait up to 10 s, then KILL the recorded process.
stop_pid() {
  local pid i
  pid="$(pid_of "$1")" || { rm -f "$PID_DIR/$1.pid"; return 0; }
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  rm -f "$PID_DIR/$1.pid"
}

# start_bg NAME LOGFILE CMD...: runs CMD in its own session, records its pid.
start_bg() {
  local name="$1" logfile="$2"; shift 2
  setsid "$@" >"$logfile" 2>&1 </dev/null &
  echo "$!" >"$PID_DIR/$name.pid"
}

# sink_count: messages the sink has received so far (its -c counter).
sink_count() {
  local n
  n="$(tail -c 256 "$SINK_LOG" 2>/dev/null | tr '\r' '\n' | grep -o 'mesg=[0-9]*' | tail -1)"
  echo "${n#mesg=}"
}

# wait_sink TARGET TIMEOUT_S: until the sink counter reaches TARGET; prints the time it did.
wait_sink() {
  local target="$1" deadline=$((SECONDS + $2)) n
  while :; do
    n="$(sink_count)"
    if ((${n:-0} >= target)); then now; return 0; fi
    ((SECONDS < deadline)) || { log "sink reached ${n:-0} of $target within $2 s"; return 1; }
    sleep 0.02
  done
}

# wait_tcp ADDR PORT TIMEOUT_S
wait_tcp() {
  local deadline=$((SECONDS + $3))
  until (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}
