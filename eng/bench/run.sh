#!/usr/bin/env bash
# The end-to-end benchmark, one command (see docs/performance.md):
#
#   eng/bench/run.sh            # 5,000 x 1 and 500 x 10, paced 1,000/s, micro-benchmarks: a few minutes
#   eng/bench/run.sh --full     # 20,000 x 1 and 2,000 x 10, plus the 100,000-recipient backlog
#
# For each scenario (N emails x R recipients, ~2 KB bodies, C concurrent senders) it measures, in the same run:
#   limit      smtp-source straight into smtp-sink
#   postfix    smtp-source -> Postfix smtpd -> queue -> smtp -> smtp-sink   (eng/bench/postfix-sender.sh)
#   mailstrom  HTTP POST /api/emails (server, Release, SQLite) -> worker -> MX via DNS -> smtp-sink
#   mailstrom-durable  the same server with Mailstrom__Engine=Durable: one orchestration per email on an Azure
#              Storage task hub (a fresh one per run) on the bench's own Azurite -> Deliver activity -> smtp-sink
# and prints delivered recipients per second for each, the Mailstrom/Postfix and Durable/native ratios, accept and
# status latency, the app's (and Azurite's) CPU seconds and peak RSS. Everything runs on 127.0.20.0/24 under
# $MAILSTROM_BENCH_DIR (default /tmp/mailstrom-bench), independent of the test rig; all of it is stopped on exit.
#
# Options:
#   --full                    the large sizes (and --backlog)
#   --scenarios "NxR ..."     explicit sizes, e.g. "5000x1 500x10"
#   --concurrency C           concurrent HTTP requests / smtp-source sessions (default 32)
#   --paced-rate R            paced accept test rate, submissions per second (default 1000; 0 skips it)
#   --paced-seconds S         paced accept test length (default 5)
#   --backlog                 accept rate and RSS behind a 100,000-recipient backlog
#   --no-micro                skip the BenchmarkDotNet micro-benchmarks
#   --no-build                use the binaries already in $MAILSTROM_BENCH_ARTIFACTS
#   --only WHAT               limit, postfix or mailstrom: run only that sender
#   --engines "E ..."         the Mailstrom engines to measure, native and/or durable (default "native durable")
#   --app-env NAME=VALUE      extra environment for the app (repeatable), e.g. Logging__LogLevel__Default=Warning
#   --warmup W                emails per warm-up round: delivered, and waited for, before measuring (default 1000)
#   --warmup-seconds S        warm-up rounds go on for at least S seconds, so the JIT has finished tiering (default 30)
#   --durable-warmup W        the Durable engine's warm-up rounds, of W emails each (default 200: it delivers
#                             10-100 x slower, so rounds of 1,000 would take a minute each there)
#   --durable-warmup-seconds S  ... for at least S seconds (default 30: its JIT tiers up ~8 CPU s of code in the first
#                             ~25 s); the warm-up's emails are then purged, so the run starts on an empty task hub
#                             (Azurite's table queries scan whole tables: what a hub holds slows every later query),
#                             and the driver waits until Azurite (fresh for each run) has done its queue GC at 60 s,
#                             which deletes the warm-up's dead messages one by one and stalls Azurite for seconds
#   --durable-paced-rate R    the Durable engine's paced accept test rate (default 100; 0 skips it)
#   --durable-status-pause-ms M  each of the driver's two status probes pauses M ms between queries (default 2, as native)
#   --durable-timeout S       give up waiting for the Durable engine's deliveries after S seconds (default 1800)
#   --durable-env NAME=VALUE  extra environment for the Durable engine's app only (repeatable),
#                             e.g. Mailstrom__Durable__PartitionCount=1
#   --webhooks                every delivery also posts signed webhook events (delivered, completed) to a receiver on
#                             loopback that answers 204 (eng/bench/webhook-receiver.py), to measure what webhooks cost
#   --as-user                 the app as a user runs it, beside the tuned figures' conditions: the shipped settings
#                             (ASPNETCORE_ENVIRONMENT=Development: Information logging), its log in a file on the
#                             database's disk (not tmpfs), 20 concurrent senders (also Postfix's), and for each scenario
#                             (default 10000x1) two native runs: cold (measured from process start, no warm-up) and
#                             warm (3,000 emails delivered first, no time-based warm-up); native engine only;
#                             with --paced-rate, the paced accept test too, under the same conditions
set -euo pipefail

source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"
source "$BENCH_SRC/postfix-sender.sh"

SCENARIOS="5000x1 500x10"
CONCURRENCY=32
BODY_BYTES=2048
PACED_RATE=1000
PACED_SECONDS=5
BACKLOG=0
MICRO=1
BUILD=1
ONLY=
APP_ENV=()
WARMUP=1000
WARMUP_SECONDS=30
TIMEOUT=600
ENGINES="native durable"
DURABLE_WARMUP=200
DURABLE_WARMUP_SECONDS=30
DURABLE_PACED_RATE=100
DURABLE_TIMEOUT=1800
DURABLE_STATUS_PAUSE_MS=2
DURABLE_ENV=()
AS_USER=0
PACED_GIVEN=0
WEBHOOKS=0
APP_ENVIRONMENT=Production
while (($#)); do
  case "$1" in
    --full) SCENARIOS="20000x1 2000x10"; BACKLOG=1 ;;
    --scenarios) SCENARIOS="$2"; shift ;;
    --concurrency) CONCURRENCY="$2"; shift ;;
    --paced-rate) PACED_RATE="$2"; PACED_GIVEN=1; shift ;;
    --paced-seconds) PACED_SECONDS="$2"; shift ;;
    --backlog) BACKLOG=1 ;;
    --no-micro) MICRO=0 ;;
    --no-build) BUILD=0 ;;
    --only) ONLY="$2"; shift ;;
    --app-env) APP_ENV+=("$2"); shift ;;
    --warmup) WARMUP="$2"; shift ;;
    --warmup-seconds) WARMUP_SECONDS="$2"; shift ;;
    --engines) ENGINES="$2"; shift ;;
    --durable-warmup) DURABLE_WARMUP="$2"; shift ;;
    --durable-warmup-seconds) DURABLE_WARMUP_SECONDS="$2"; shift ;;
    --durable-paced-rate) DURABLE_PACED_RATE="$2"; shift ;;
    --durable-timeout) DURABLE_TIMEOUT="$2"; shift ;;
    --durable-status-pause-ms) DURABLE_STATUS_PAUSE_MS="$2"; shift ;;
    --durable-env) DURABLE_ENV+=("$2"); shift ;;
    --as-user) AS_USER=1 ;;
    --webhooks) WEBHOOKS=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift
done

if ((AS_USER)); then
  # What a user gets: no tmpfs for the logs, the shipped appsettings, 20 senders, no tuning warm-up.
  LOG_DIR="$BENCH_DIR/logs"
  APP_ENVIRONMENT=Development
  CONCURRENCY=20
  [[ "$SCENARIOS" == "5000x1 500x10" ]] && SCENARIOS="10000x1"
  ENGINES=native; MICRO=0; BACKLOG=0
  ((PACED_GIVEN)) || PACED_RATE=0   # the paced run only when asked for, as a user runs the app too
fi

[[ $EUID -eq 0 ]] || die "run.sh must run as root (Postfix and smtp-sink need it)"
for cmd in dotnet postfix smtp-sink smtp-source dnsmasq stdbuf setsid getconf awk; do
  command -v "$cmd" >/dev/null || die "'$cmd' not found (eng/rig/install.sh installs Postfix and dnsmasq)"
done
[[ "$BENCH_DIR" == /*/?* && "$BENCH_DIR" != "$REPO_ROOT" ]] || die "MAILSTROM_BENCH_DIR='$BENCH_DIR' is not a safe scratch directory"

for engine in $ENGINES; do
  [[ "$engine" == native || "$engine" == durable ]] || die "unknown engine '$engine' (--engines \"native durable\")"
done
run_sender() { [[ -z "$ONLY" || "$ONLY" == "$1" ]]; }
run_engine() { run_sender mailstrom && [[ " $ENGINES " == *" $1 "* ]]; }
if run_engine durable; then
  AZURITE="$(azurite_bin)" || die "Azurite not found (eng/rig/install.sh installs it; or set MAILSTROM_AZURITE)"
fi

# --- build (Release) -------------------------------------------------------------------------
if ((BUILD)); then
  log "building (Release) into $BENCH_ART"
  projects=(src/Mailstrom.Server benchmarks/Mailstrom.LoadTest)
  ((MICRO)) && projects+=(benchmarks/Mailstrom.Benchmarks)
  for project in "${projects[@]}"; do
    dotnet build "$REPO_ROOT/$project" -c Release --artifacts-path "$BENCH_ART" -v quiet -nologo >"/tmp/mailstrom-bench-build.log" 2>&1 \
      || { tail -30 /tmp/mailstrom-bench-build.log >&2; die "build of $project failed"; }
  done
fi
APP_DIR="$BENCH_ART/bin/Mailstrom.Server/release"
LOADTEST="$BENCH_ART/bin/Mailstrom.LoadTest/release/Mailstrom.LoadTest.dll"
[[ -f "$APP_DIR/Mailstrom.Server.dll" && -f "$LOADTEST" ]] || die "binaries missing under $BENCH_ART (drop --no-build)"

# --- servers -----------------------------------------------------------------------------------
stop_all() {
  stop_pid app
  stop_pid webhook-receiver
  peer_stop
  stop_pid smtp-sink
  stop_pid dnsmasq
  stop_pid azurite
}
for name in app postfix-master smtp-sink dnsmasq azurite; do pid_of "$name" >/dev/null && stop_pid "$name"; done
[[ -f "$BENCH_DIR/postfix/etc/main.cf" ]] && peer_stop
rm -rf "$BENCH_DIR" "$LOG_DIR"
mkdir -p "$PID_DIR" "$LOG_DIR" "$BENCH_DIR/dns" "$(dirname "$SINK_LOG")"   # the sink's counter stays on tmpfs: it is the measurement, not the app
[[ "$LOG_DIR" == "$BENCH_DIR/logs" ]] || ln -s "$LOG_DIR" "$BENCH_DIR/logs"
chmod 755 "$BENCH_DIR"
trap stop_all EXIT

cat >"$BENCH_DIR/dns/dnsmasq.conf" <<CONF
port=$DNS_PORT
listen-address=$DNS_ADDR
bind-interfaces
no-resolv
no-hosts
local=/$BENCH_ZONE/
mx-host=$SINK_DOMAIN,$SINK_HOST,10
host-record=$SINK_HOST,$SINK_ADDR
# Answers carry a 1-hour TTL, as real MX records do, so resolvers may cache them.
local-ttl=3600
CONF
for addr in "$SINK_ADDR:$SMTP_PORT" "$APP_ADDR:$APP_PORT"; do
  ! wait_tcp "${addr%:*}" "${addr#*:}" 0 || die "something already listens on $addr (another benchmark run?)"
done
start_bg dnsmasq "$LOG_DIR/dnsmasq.log" dnsmasq --keep-in-foreground --conf-file="$BENCH_DIR/dns/dnsmasq.conf" --log-facility=-
# The sink: accepts everything, throws it away, counts (-c; unbuffered so the counter file is current).
start_bg smtp-sink "$SINK_LOG" stdbuf -o0 smtp-sink -u postfix -c -a -C -F -h "$SINK_HOST" "$SINK_ADDR:$SMTP_PORT" 1000
wait_tcp "$SINK_ADDR" "$SMTP_PORT" 10 || die "smtp-sink does not answer"
run_sender postfix && peer_start
if ((WEBHOOKS)); then
  start_bg webhook-receiver "$LOG_DIR/webhook-receiver.log" python3 "$BENCH_SRC/webhook-receiver.py" "$WEBHOOK_ADDR" "$WEBHOOK_PORT"
  wait_tcp "$WEBHOOK_ADDR" "$WEBHOOK_PORT" 10 || die "the webhook receiver does not answer"
  APP_ENV+=(Mailstrom__Webhooks__AllowHttp=true Mailstrom__Webhooks__AllowPrivateDestinations=true
    Mailstrom__Webhooks__Endpoints__bench__Url="http://$WEBHOOK_ADDR:$WEBHOOK_PORT/events"
    Mailstrom__Webhooks__Endpoints__bench__Secret="whsec_$(head -c 32 /dev/urandom | base64 -w0)")
  log "webhooks: every event posted to http://$WEBHOOK_ADDR:$WEBHOOK_PORT/events"
fi
if run_engine durable; then
  AZURITE_VERSION="$("$AZURITE" --version 2>/dev/null)" || die "$AZURITE --version failed"
  log "Azurite $AZURITE_VERSION ($AZURITE): a fresh one for each Durable engine run, on $AZURITE_ADDR:$AZURITE_BLOB_PORT-$AZURITE_TABLE_PORT"
fi

azurite_start() {   # a fresh, empty Azurite (in memory, as the rig's) for one Durable engine run
  stop_pid azurite
  ! wait_tcp "$AZURITE_ADDR" "$AZURITE_BLOB_PORT" 0 || die "something already listens on $AZURITE_ADDR:$AZURITE_BLOB_PORT"
  rm -rf "$BENCH_DIR/azurite"; mkdir -p "$BENCH_DIR/azurite"   # it may drop debug or config files in its working directory
  (cd "$BENCH_DIR/azurite" && start_bg azurite "$LOG_DIR/azurite.log" "$AZURITE" --silent --inMemoryPersistence \
    --skipApiVersionCheck --disableTelemetry \
    --blobHost "$AZURITE_ADDR" --blobPort "$AZURITE_BLOB_PORT" \
    --queueHost "$AZURITE_ADDR" --queuePort "$AZURITE_QUEUE_PORT" \
    --tableHost "$AZURITE_ADDR" --tablePort "$AZURITE_TABLE_PORT")
  local port
  for port in "$AZURITE_BLOB_PORT" "$AZURITE_QUEUE_PORT" "$AZURITE_TABLE_PORT"; do
    wait_tcp "$AZURITE_ADDR" "$port" 30 || { tail -20 "$LOG_DIR/azurite.log" >&2; die "Azurite does not answer on $AZURITE_ADDR:$port"; }
  done
}

KEY="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
HZ="$(getconf CLK_TCK)"

app_start() {   # app_start NAME [NAME=VALUE ...]: the native engine on a fresh SQLite file
  local name="$1"; shift
  app_exec "$name" Mailstrom__Storage__Sqlite__Path="$BENCH_DIR/$name/mailstrom.db" "$@"
}

durable_start() {   # durable_start NAME [NAME=VALUE ...]: the Durable engine on a fresh task hub of a fresh Azurite
  local name="$1"; shift
  local hub
  azurite_start
  hub="b$(tr -cd 'a-z0-9' <<<"$name")$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  app_exec "$name" Mailstrom__Engine=Durable \
    Mailstrom__Durable__ConnectionString="$AZURITE_CONNECTION_STRING" \
    Mailstrom__Durable__TaskHub="${hub:0:45}" \
    "${DURABLE_ENV[@]}" "$@"
}

app_exec() {   # app_exec NAME [NAME=VALUE ...]
  local name="$1"; shift
  ! wait_tcp "$APP_ADDR" "$APP_PORT" 0 || die "something already listens on $APP_ADDR:$APP_PORT"
  mkdir -p "$BENCH_DIR/$name"
  (cd "$APP_DIR"
  env ASPNETCORE_ENVIRONMENT="$APP_ENVIRONMENT" \
    ASPNETCORE_URLS="http://$APP_ADDR:$APP_PORT" \
    AllowedHosts="$APP_ADDR" \
    Mailstrom__Api__Keys__0="$KEY" \
    Mailstrom__Dns__NameServers__0="$DNS_ADDR:$DNS_PORT" \
    Mailstrom__Delivery__SmtpPort="$SMTP_PORT" \
    Mailstrom__Delivery__AllowPrivateDestinations=true \
    "${APP_ENV[@]}" "$@" \
    dotnet Mailstrom.Server.dll >"$LOG_DIR/app-$name.log" 2>&1 </dev/null &
    echo "$!" >"$PID_DIR/app.pid")   # env execs dotnet: this is the app's own pid
  wait_tcp "$APP_ADDR" "$APP_PORT" 60 || { tail -20 "$LOG_DIR/app-$name.log" >&2; die "the app did not start"; }
}

loadtest() {    # loadtest LABEL ARGS...: runs the driver against the app (native settings), prints its report, keeps the RESULT line
  local label="$1"; shift
  loadtest_with "$label" --timeout "$TIMEOUT" --warmup "$WARMUP" --warmup-seconds "$WARMUP_SECONDS" "$@"
}

durable_loadtest() {   # durable_loadtest LABEL ARGS...: the same driver with the Durable engine's warm-up and timeout
  local label="$1"; shift
  loadtest_with "$label" --timeout "$DURABLE_TIMEOUT" --warmup "$DURABLE_WARMUP" --warmup-seconds "$DURABLE_WARMUP_SECONDS" \
    --purge-warmup yes --aux-pid "$(pid_of azurite)" --settle-uptime 62 --status-pause-ms "$DURABLE_STATUS_PAUSE_MS" "$@"
}

loadtest_with() {
  local label="$1"; shift
  # The driver shares the 2 cores with the app: no thread-pool spinning in it, so it takes only the CPU it uses.
  DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 dotnet "$LOADTEST" --url "http://$APP_ADDR:$APP_PORT/" --key "$KEY" --app-pid "$(pid_of app)" \
    --clock-ticks "$HZ" --concurrency "$CONCURRENCY" --body-bytes "$BODY_BYTES" --domain "$SINK_DOMAIN" \
    --sink-log "$SINK_LOG" --label "$label" "$@" | tee "$LOG_DIR/loadtest-$label.txt" >&2
  grep '^RESULT ' "$LOG_DIR/loadtest-$label.txt" | tail -1
}

per_ms() { awk -v a="$1" -v b="$2" 'BEGIN { if (a !~ /^[0-9.]+$/ || b == 0) print "n/a"; else printf "%.1f", a * 1000 / b }'; }  # per_ms SECONDS COUNT

field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }   # field RESULT_LINE KEY

smtp_source_run() {  # smtp_source_run TARGET_ADDR N R: prints "submit_s end_to_end_s"
  local target="$1" n="$2" r="$3" before t0 t1 t2
  before="$(sink_count)"
  t0="$(now)"
  smtp-source -s "$CONCURRENCY" -m "$n" -l "$BODY_BYTES" -r "$r" -f "$SENDER" -t "rcpt@$SINK_DOMAIN" \
    -S "Load test" "$target:$SMTP_PORT" || die "smtp-source to $target failed"
  t1="$(now)"
  t2="$(wait_sink $((${before:-0} + n)) "$TIMEOUT")" || die "the sink did not receive $n messages from $target"
  echo "$(elapsed "$t0" "$t1") $(elapsed "$t0" "$t2")"
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
load1() { cut -d' ' -f1 /proc/loadavg; }   # the 1-minute load average, for the tables (start → end of each run)

SUMMARY=()
DURABLE_SUMMARY=()

for scenario in $SCENARIOS; do
  n="${scenario%x*}"; r="${scenario#*x}"
  [[ "$n" =~ ^[0-9]+$ && "$r" =~ ^[0-9]+$ ]] || die "scenario '$scenario' is not NxR"
  log "=== scenario $n emails x $r recipients, concurrency $CONCURRENCY, $BODY_BYTES-byte bodies (load: $(loadavg))"
  limit_rps=n/a; peer_rps=n/a; peer_cpu_s=n/a; app_rps=n/a; line=; load=

  if run_sender limit; then
    read -r _ e2e < <(smtp_source_run "$SINK_ADDR" "$n" "$r")
    limit_rps="$(ratio $((n * r)) "$e2e" %.0f)"
    log "limit: $n messages in $e2e s: $limit_rps recipients/s"
  fi

  if run_sender postfix; then
    smtp_source_run "$PEER_ADDR" 50 1 >/dev/null   # warm-up, like the app's
    cpu0="$(peer_cpu)"
    read -r submit e2e < <(smtp_source_run "$PEER_ADDR" "$n" "$r")
    peer_cpu_s="$(awk -v a="$cpu0" -v b="$(peer_cpu)" 'BEGIN { printf "%.1f", b - a }')"
    peer_rps="$(ratio $((n * r)) "$e2e" %.0f)"
    log "postfix: accepted in $submit s, delivered in $e2e s: $peer_rps recipients/s, ~$peer_cpu_s CPU s"
  fi

  if run_engine native && ((AS_USER)); then
    for start in cold warm; do
      warmup=0; [[ "$start" == warm ]] && warmup=3000
      load="$(load1)"
      app_start "app-${n}x${r}-$start"
      uline="$(loadtest_with "mailstrom-${n}x${r}-$start" --timeout "$TIMEOUT" --warmup "$warmup" --warmup-seconds 0 \
        --mode throughput --emails "$n" --recipients "$r")"
      load="$load → $(load1)"
      stop_pid app
      urps="$(printf '%.0f' "$(field "$uline" delivered_rcpt_per_s)")"
      [[ "$(field "$uline" recipients_not_delivered)" == 0 ]] || log "WARNING: some recipients were not delivered (see $LOG_DIR)"
      SUMMARY+=("| $n × $r, $start, as a user | $limit_rps | $peer_rps | ${peer_cpu_s} | $urps | $(ratio "$urps" "$peer_rps") | \
$(printf '%.0f' "$(field "$uline" accept_per_s)") | $(field "$uline" accept_p50_ms) / $(field "$uline" accept_p99_ms) | \
$(field "$uline" status_p50_ms) / $(field "$uline" status_p99_ms) | $(field "$uline" app_cpu_s) | $(field "$uline" app_peak_rss_mb) | $load |")
    done
    continue
  fi

  if run_engine native; then
    load="$(load1)"
    app_start "app-${n}x${r}"
    line="$(loadtest "mailstrom-${n}x${r}" --mode throughput --emails "$n" --recipients "$r")"
    load="$load → $(load1)"
    stop_pid app
    app_rps="$(printf '%.0f' "$(field "$line" delivered_rcpt_per_s)")"
    [[ "$(field "$line" recipients_not_delivered)" == 0 ]] || log "WARNING: some recipients were not delivered (see $LOG_DIR)"
    [[ "$(field "$line" status_failed)" == 0 ]] || log "WARNING: $(field "$line" status_failed) status queries failed (see $LOG_DIR)"
  fi

  SUMMARY+=("| $n × $r | $limit_rps | $peer_rps | ${peer_cpu_s} | $app_rps | $(ratio "$app_rps" "$peer_rps") | \
$(printf '%.0f' "$(field "$line" accept_per_s)") | $(field "$line" accept_p50_ms) / $(field "$line" accept_p99_ms) | \
$(field "$line" status_p50_ms) / $(field "$line" status_p99_ms) | $(field "$line" app_cpu_s) | $(field "$line" app_peak_rss_mb) | ${load:-n/a} |")

  if run_engine durable; then
    log "durable: warm-up rounds of $DURABLE_WARMUP emails for at least $DURABLE_WARMUP_SECONDS s, then purged \
(the native engine's: $WARMUP emails, $WARMUP_SECONDS s)"
    durable_start "durable-${n}x${r}"
    load="$(load1)"
    dline="$(durable_loadtest "mailstrom-durable-${n}x${r}" --mode throughput --emails "$n" --recipients "$r")"
    load="$load → $(load1)"
    azurite_s="$(field "$dline" aux_cpu_s)"
    stop_pid app; stop_pid azurite
    durable_rps="$(printf '%.0f' "$(field "$dline" delivered_rcpt_per_s)")"
    [[ "$(field "$dline" recipients_not_delivered)" == 0 ]] || log "WARNING: some recipients were not delivered by the Durable engine (see $LOG_DIR)"
    [[ "$(field "$dline" status_failed)" == 0 ]] || log "WARNING: $(field "$dline" status_failed) status queries to the Durable engine failed (see $LOG_DIR)"
    log "durable: $durable_rps recipients/s; Azurite used $azurite_s CPU s (warm-up not counted: $(field "$dline" warmup_emails) emails \
in $(field "$dline" warmup_s) s, purged in $(field "$dline" warmup_purge_s) s, Azurite settled in $(field "$dline" warmup_settle_s) s)"
    DURABLE_SUMMARY+=("| $n × $r | $durable_rps | $(ratio "$durable_rps" "$app_rps" %.3f) | $(ratio "$durable_rps" "$peer_rps" %.3f) | \
$(printf '%.0f' "$(field "$dline" accept_per_s)") | $(field "$dline" accept_p50_ms) / $(field "$dline" accept_p99_ms) | \
$(field "$dline" status_p50_ms) / $(field "$dline" status_p99_ms) | $(field "$dline" app_cpu_s) | $azurite_s | \
$(per_ms "$(field "$dline" app_cpu_s)" $((n * r))) / $(per_ms "$azurite_s" $((n * r))) | \
$(field "$dline" app_peak_rss_mb) | $(field "$dline" warmup_emails) in $(printf '%.0f' "$(field "$dline" warmup_s)") s | $load |")
  fi
done

paced_row() {   # paced_row ENGINE RATE RESULT_LINE
  local line="$3"
  echo "| $1 | $2/s × ${PACED_SECONDS} s | $(printf '%.0f' "$(field "$line" achieved_rate_per_s)") | $(field "$line" failed) | \
$(field "$line" accept_p50_ms) / $(field "$line" accept_p99_ms) / $(field "$line" accept_max_ms) | $(field "$line" send_lag_p99_ms) | \
$(field "$line" status_queries) ($(field "$line" status_failed) failed) | $(field "$line" status_p50_ms) / $(field "$line" status_p99_ms) | \
$(field "$line" disk_fsync_p99_ms) / $(field "$line" disk_fsync_max_ms) | $(field "$line" app_cpu_s) | $(field "$line" app_peak_rss_mb) | $4 |"
}

PACED=()
if [[ "$PACED_RATE" != 0 ]] && run_engine native; then
  log "=== paced accept: $PACED_RATE submissions/s for $PACED_SECONDS s (load: $(loadavg))"
  load="$(load1)"
  app_start app-paced
  line="$(loadtest "mailstrom-paced" --mode paced --rate "$PACED_RATE" --duration "$PACED_SECONDS" --recipients 1 \
    --disk-probe "$BENCH_DIR/app-paced")"
  load="$load → $(load1)"
  stop_pid app
  PACED+=("$(paced_row native "$PACED_RATE" "$line" "$load")")
fi
if [[ "$PACED_RATE" != 0 && "$DURABLE_PACED_RATE" != 0 ]] && run_engine durable; then
  log "=== paced accept, Durable engine: $DURABLE_PACED_RATE submissions/s for $PACED_SECONDS s (load: $(loadavg))"
  load="$(load1)"
  durable_start durable-paced
  line="$(durable_loadtest "mailstrom-durable-paced" --mode paced --rate "$DURABLE_PACED_RATE" --duration "$PACED_SECONDS" --recipients 1)"
  load="$load → $(load1)"
  stop_pid app; stop_pid azurite
  PACED+=("$(paced_row durable "$DURABLE_PACED_RATE" "$line" "$load")")
fi

BACKLOG_ROW=
if ((BACKLOG)) && run_engine native; then
  log "=== backlog: 10,000 emails x 10 recipients queued (worker disabled; native engine only)"
  app_start app-backlog Mailstrom__Delivery__EnableWorker=false
  line="$(loadtest "mailstrom-backlog" --mode backlog --emails 10000 --recipients 10)"
  stop_pid app
  BACKLOG_ROW="| $(field "$line" backlog_recipients) | $(printf '%.0f' "$(field "$line" accept_per_s_empty)") | \
$(printf '%.0f' "$(field "$line" accept_per_s_backlog)") | $(field "$line" backlog_rate_ratio) | \
$(field "$line" accept_p99_ms_empty) / $(field "$line" accept_p99_ms_backlog) | $(field "$line" app_peak_rss_mb) |"
fi

MICRO_TABLE=
if ((MICRO)); then
  log "=== micro-benchmarks (BenchmarkDotNet, short runs)"
  peer_stop; stop_pid smtp-sink   # quiet machine for the micro-benchmarks
  (cd "$BENCH_DIR" && dotnet "$BENCH_ART/bin/Mailstrom.Benchmarks/release/Mailstrom.Benchmarks.dll" --filter '*' \
    --artifacts "$BENCH_DIR/BenchmarkDotNet.Artifacts" >"$LOG_DIR/micro.log" 2>&1) \
    || { tail -30 "$LOG_DIR/micro.log" >&2; log "WARNING: the micro-benchmarks failed (see $LOG_DIR/micro.log)"; }
  MICRO_TABLE="$(cat "$BENCH_DIR"/BenchmarkDotNet.Artifacts/results/*-report-github.md 2>/dev/null | grep '^|' || true)"
fi

# --- summary -----------------------------------------------------------------------------------
{
  echo
  echo "## Mailstrom end-to-end benchmark ($(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), \
$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); $(uname -sr); .NET $(dotnet --version); Postfix $(postconf -dh mail_version); \
concurrency $CONCURRENCY; bodies $BODY_BYTES bytes; app environment $APP_ENVIRONMENT; logs in $LOG_DIR; load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| N × R | limit rcpt/s | Postfix rcpt/s | Postfix CPU s | Mailstrom rcpt/s | Mailstrom ÷ Postfix | accept/s | accept p50 / p99 ms | status p50 / p99 ms | app CPU s | app peak RSS MiB | load (1 min) start → end |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${SUMMARY[@]}"
  if ((${#DURABLE_SUMMARY[@]})); then
    echo
    echo "Durable engine (Mailstrom__Engine=Durable; each run on a fresh Azurite $AZURITE_VERSION, in memory, sharing the $(nproc) cores); \
warm-up: rounds of $DURABLE_WARMUP emails for at least $DURABLE_WARMUP_SECONDS s, then purged, then Azurite's first queue GC \
(at 60 s) waited for (native: rounds of $WARMUP for $WARMUP_SECONDS s, kept); status probes pause $DURABLE_STATUS_PAUSE_MS ms; \
app and Azurite CPU over the measured part only${DURABLE_ENV[*]:+; extra settings: ${DURABLE_ENV[*]}}"
    echo
    echo "| N × R | Durable rcpt/s | Durable ÷ native | Durable ÷ Postfix | accept/s | accept p50 / p99 ms | status p50 / p99 ms | app CPU s | Azurite CPU s | CPU ms per rcpt app / Azurite | app peak RSS MiB | warm-up | load (1 min) start → end |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${DURABLE_SUMMARY[@]}"
  fi
  if ((${#PACED[@]})); then
    echo
    echo "| engine | paced accept | achieved/s | failed | accept p50 / p99 / max ms | driver send lag p99 ms | status queries | status p50 / p99 ms | disk fsync p99 / max ms | app CPU s | app peak RSS MiB | load (1 min) start → end |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${PACED[@]}"
  fi
  if [[ -n "$BACKLOG_ROW" ]]; then
    echo
    echo "| backlog recipients | accept/s empty | accept/s behind backlog | ratio | accept p99 ms empty / backlog | app peak RSS MiB |"
    echo "|---|---|---|---|---|---|"
    echo "$BACKLOG_ROW"
  fi
  if [[ -n "$MICRO_TABLE" ]]; then
    echo
    echo "$MICRO_TABLE"
  fi
} | tee "$BENCH_DIR/summary.md"
log "summary saved to $BENCH_DIR/summary.md; logs in $BENCH_DIR/logs"
