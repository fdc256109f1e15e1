#!/usr/bin/env bash
# Shared settings and helpers for the Mailstrom test rig. Sourced by
# install.sh, start.sh, stop.sh and selfcheck.sh; not meant to be run.
# shellcheck disable=SC2034  # many variables are used by the sourcing scripts

RIG_SRC="${RIG_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}"
REPO_ROOT="$(cd "$RIG_SRC/../.." && pwd)"
RIG_DIR="${MAILSTROM_RIG_DIR:-/tmp/mailstrom-rig}"
PID_DIR="$RIG_DIR/pids"
LOG_DIR="$RIG_DIR/logs"

# ---- Azurite
AZURITE_VERSION=3.37.0
AZURITE_PREFIX="$REPO_ROOT/.tools/azurite"
AZURITE_BIN="$AZURITE_PREFIX/node_modules/.bin/azurite"
AZURITE_HOST=127.0.0.1
# Azurite's standard ports unless overridden (another Azurite may already hold them): MAILSTROM_RIG_AZURITE_PORT=11000
# puts blob, queue and table on 11000, 11001 and 11002. The tests read the connection string from rig.env.
AZURITE_BLOB_PORT=${MAILSTROM_RIG_AZURITE_PORT:-10000}
AZURITE_QUEUE_PORT=$((AZURITE_BLOB_PORT + 1))
AZURITE_TABLE_PORT=$((AZURITE_BLOB_PORT + 2))
# The well-known development-storage account (same as UseDevelopmentStorage=true).
AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://$AZURITE_HOST:$AZURITE_BLOB_PORT/devstoreaccount1;QueueEndpoint=http://$AZURITE_HOST:$AZURITE_QUEUE_PORT/devstoreaccount1;TableEndpoint=http://$AZURITE_HOST:$AZURITE_TABLE_PORT/devstoreaccount1;"

# ---- DNS
TEST_ZONE=mailstrom.test
DNS_HOST=127.0.0.1
DNS_PORT=15353
DNS_SERVER="$DNS_HOST:$DNS_PORT"

# ---- SMTP endpoints
SMTP_PORT=2525
POSTFIX_DOMAIN="postfix.$TEST_ZONE"
POSTFIX_MX_HOST="mx.postfix.$TEST_ZONE"
POSTFIX_ADDR=127.0.10.1
RELAY_HOST=127.0.10.30
RELAY_HOST_NAME="relay.$TEST_ZONE"
RELAY_PORT=2587
RELAY_USER=relayuser
RELAY_REALM="$TEST_ZONE"
MESSAGE_SIZE_LIMIT=52428800   # 50 MiB, advertised as SIZE by Postfix

REPLY_TEMPFAIL="451 4.3.0 Try again later"
REPLY_REJECT="550 5.1.1 No such user"
REPLY_GREET421="421 4.0.0 Server closing connection"   # smtp-sink's fixed -Q text
SLOW_COMMAND=RCPT          # the slow sink delays its reply to this command ...
SLOW_DELAY_SECONDS=30      # ... by this many seconds
SINK_COUNTER_LOG="$LOG_DIR/sink-counters.log"   # "sess=N quit=N mesg=N" records, \r-separated
ADDR_BACKUP_DEAD=127.0.10.8                 # mx1.backup: nothing listens there
ADDR_SCRIPTED1=127.0.10.21 ADDR_SCRIPTED2=127.0.10.22 ADDR_SCRIPTED3=127.0.10.23 ADDR_SCRIPTED4=127.0.10.24
# scripted5..8 belong to the end-to-end suite, 1..4 to the delivery tests, so the two never bind the same address.
ADDR_SCRIPTED5=127.0.10.25 ADDR_SCRIPTED6=127.0.10.26 ADDR_SCRIPTED7=127.0.10.27 ADDR_SCRIPTED8=127.0.10.28
# load1..3: tests that start their own smtp-sink count exactly what they sent (1: crash runs, 2: scale-out, 3: soak).
ADDR_LOAD1=127.0.10.41 ADDR_LOAD2=127.0.10.42 ADDR_LOAD3=127.0.10.43

# ---- DKIM: OpenDKIM verifies every message the Postfix MX (and the no8bit listener) receives, as a milter.
# The keys are made on every start; their public halves are TXT records in the zone.
DKIM_DOMAIN="signed.$TEST_ZONE"       # the From domain the tests sign for
DKIM_RSA_SELECTOR=rsa2048
DKIM_ED25519_SELECTOR=ed25519
DKIM_DIR="$RIG_DIR/dkim"
DKIM_RSA_KEY="$DKIM_DIR/rsa2048.key"              # PEM PKCS#8, public key published
DKIM_ED25519_KEY="$DKIM_DIR/ed25519.key"          # PEM PKCS#8, public key published
DKIM_UNPUBLISHED_RSA_KEY="$DKIM_DIR/unpublished.key"   # PEM PKCS#8, public key NOT published
OPENDKIM_ADDR=127.0.10.60
OPENDKIM_PORT=8891
# A second Postfix listener that does not announce 8BITMIME (smtpd_discard_ehlo_keywords).
NO8BIT_DOMAIN="no8bit.$TEST_ZONE"
ADDR_NO8BIT=127.0.10.12

# ---- MTA-STS: a test CA issues Postfix's certificate and the policy hosts' certificate. Nothing serves the
# policies: tests bind their own HTTPS server on $MTASTS_ADDR:443 and answer per Host name.
CA_DIR="$RIG_DIR/ca"
TEST_CA_CERT="$CA_DIR/ca.pem"
TEST_CA_KEY="$CA_DIR/ca.key"
MTASTS_ADDR=127.0.10.50
MTASTS_CERT="$CA_DIR/mta-sts.pem"
MTASTS_KEY="$CA_DIR/mta-sts.key"
MTASTS_TXT="v=STSv1; id=rig1"
# Domains publishing _mta-sts TXT records (their MX lines are in ZONE_MX).
STS_DOMAINS=(sts-enforce sts-wrongmx sts-notls sts-badname sts-testing sts-nofetch sts-cached)
# Domains Postfix receives mail for (into $POSTFIX_MAILDIR_ROOT/<localpart>/), besides postfix.$TEST_ZONE.
POSTFIX_EXTRA_DOMAINS=(no8bit sts-enforce sts-wrongmx sts-badname sts-testing sts-nofetch sts-cached)

# MX records: "domain preference mx-host address" (one line per MX).
ZONE_MX=(
  "postfix   10 mx.postfix   127.0.10.1"
  "tempfail  10 mx.tempfail  127.0.10.2"
  "reject    10 mx.reject    127.0.10.3"
  "greet421  10 mx.greet421  127.0.10.4"
  "dropdata  10 mx.dropdata  127.0.10.5"
  "slow      10 mx.slow      127.0.10.6"
  "backup    10 mx1.backup   127.0.10.8"
  "backup    20 mx2.backup   127.0.10.9"
  "sink      10 mx.sink      127.0.10.10"
  "dropdot   10 mx.dropdot   127.0.10.11"
  "scripted1 10 mx.scripted1 127.0.10.21"
  "scripted2 10 mx.scripted2 127.0.10.22"
  "scripted3 10 mx.scripted3 127.0.10.23"
  "scripted4 10 mx.scripted4 127.0.10.24"
  "scripted5 10 mx.scripted5 127.0.10.25"
  "scripted6 10 mx.scripted6 127.0.10.26"
  "scripted7 10 mx.scripted7 127.0.10.27"
  "scripted8 10 mx.scripted8 127.0.10.28"
  "load1 10 mx.load1 127.0.10.41"
  "load2 10 mx.load2 127.0.10.42"
  "load3 10 mx.load3 127.0.10.43"
  "no8bit      10 mx.no8bit      127.0.10.12"
  "sts-enforce 10 mx.postfix     127.0.10.1"
  "sts-wrongmx 10 mx.postfix     127.0.10.1"
  "sts-notls   10 mx.sts-notls   127.0.10.7"
  "sts-badname 10 mx.sts-badname 127.0.10.1"
  "sts-testing 10 mx.sts-testing 127.0.10.1"
  "sts-nofetch 10 mx.postfix     127.0.10.1"
  "sts-cached  10 mx.postfix     127.0.10.1"
)
# Plain A records (no MX): "name address [ttl]" (dnsmasq answers its own records with TTL 0 unless one is given).
ZONE_A=(
  "implicit 127.0.10.7"
  "ttl300   127.0.10.7 300"
  "relay    127.0.10.30"
  "mta-sts.sts-enforce 127.0.10.50"
  "mta-sts.sts-wrongmx 127.0.10.50"
  "mta-sts.sts-notls   127.0.10.50"
  "mta-sts.sts-badname 127.0.10.50"
  "mta-sts.sts-testing 127.0.10.50"
  "mta-sts.sts-nofetch 127.0.10.50"
  "mta-sts.sts-cached  127.0.10.50"
)
# Domains publishing a null MX (RFC 7505, "MX 0 .").
ZONE_NULLMX=(nullmx)

# smtp-sink instances: "name address extra-options..." (word-split on purpose;
# the reply texts are passed separately in start.sh because they contain spaces).
#   -a -C -F : don't advertise AUTH / XCLIENT / XFORWARD (look like a plain MX)
SINKS=(
  "tempfail 127.0.10.2  -r RCPT"      # + -b "$REPLY_TEMPFAIL"
  "reject   127.0.10.3  -f RCPT"      # + -B "$REPLY_REJECT"
  "greet421 127.0.10.4  -Q CONNECT"   # 421 greeting, then disconnect
  "dropdata 127.0.10.5  -q DATA"      # disconnect without reply to DATA
  "dropdot  127.0.10.11 -q ."         # disconnect without reply to end-of-data
  "slow     127.0.10.6  -W RCPT:30"   # RCPT reply delayed 30 s
  "implicit 127.0.10.7"               # accepts everything (A-record fallback)
  "backup   127.0.10.9"               # accepts everything (MX 20; MX 10 is dead)
  "sink     127.0.10.10 -c -m 1000"   # accepts everything, counters to a file
)
SINK_BACKLOG=1000

# ---- helpers
log() { printf '[rig] %s\n' "$*" >&2; }
die() { printf '[rig] ERROR: %s\n' "$*" >&2; exit 1; }

# Last lines of a log file, indented, for failure reports.
log_tail() {
  local file="$1" lines="${2:-30}"
  if [[ -s "$file" ]]; then
    printf '[rig] ---- last %s lines of %s ----\n' "$lines" "$file" >&2
    tail -n "$lines" "$file" | tr '\r' '\n' | tail -n "$lines" | sed 's/^/    /' >&2
  else
    printf '[rig] (log %s is empty or missing)\n' "$file" >&2
  fi
}

# proc_field PID N : field N (1-based, as in proc(5)) of /proc/PID/stat.
# Parsed after the ")" closing the command name, which may contain spaces.
proc_field() {
  local stat idx=$(($2 - 2)) fields
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  read -r -a fields <<<"${stat##*) }"
  printf '%s\n' "${fields[idx - 1]}"
}

# pid_alive PID -> true when the process exists and is not a zombie.
pid_alive() {
  [[ "$1" =~ ^[0-9]+$ ]] || return 1
  local state
  state="$(proc_field "$1" 3)" || return 1
  [[ -n "$state" && "$state" != Z ]]
}

# Pid files hold "PID STARTTIME": the start time (field 22) tells a recycled
# pid apart from the process start.sh launched.
pidfile_write() { echo "$2 $(proc_field "$2" 22)" >"$1"; }
# pidfile_pid FILE -> the pid, only if that very process is still alive.
pidfile_pid() {
  local pid start
  read -r pid start <"$1" 2>/dev/null || return 1
  pid_alive "$pid" || return 1
  [[ -z "$start" || "$(proc_field "$pid" 22)" == "$start" ]] || return 1
  echo "$pid"
}

# Read the first line (a reply) an SMTP server sends on connect; prints it.
# Sends QUIT afterwards so servers log a clean session.
smtp_greeting() {
  # shellcheck disable=SC2016  # the inner script expands its own $1/$2
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    IFS= read -r -t 2 line <&3 || exit 1
    printf "%s\n" "$line"
    printf "QUIT\r\n" >&3
  ' _ "$1" "$2" 2>/dev/null | tr -d '\r'
}

# tcp_open HOST PORT -> true when a TCP connection can be established.
tcp_open() {
  # shellcheck disable=SC2016
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

# dig against the rig's DNS server; extra args are passed through.
rig_dig() {
  dig @"$DNS_HOST" -p "$DNS_PORT" +time=1 +tries=1 "$@"
}

# --- SMTP conversation helpers (used by selfcheck.sh)
# smtp_send WFD LINE : write LINE + CRLF to fd WFD.
smtp_send() { printf '%s\r\n' "$2" >&"$1"; }

# smtp_reply RFD : read one (possibly multi-line) reply from fd RFD into
# SMTP_REPLY (all lines, CRs stripped, newline-separated) and SMTP_LAST
# (the final line). Returns non-zero on timeout / EOF.
smtp_reply() {
  local rfd="$1" line
  SMTP_REPLY="" SMTP_LAST=""
  while IFS= read -r -t 10 -u "$rfd" line; do
    line="${line%$'\r'}"
    SMTP_REPLY+="$line"$'\n'
    if [[ "$line" =~ ^[0-9]{3}( |$) ]]; then SMTP_LAST="$line"; return 0; fi
  done
  return 1
}

# smtp_expect RFD CODE WHAT : read a reply and require it to start with CODE.
smtp_expect() {
  smtp_reply "$1" || { log "$3: no reply (timeout or connection closed)"; return 1; }
  [[ "$SMTP_LAST" == "$2"* ]] || { log "$3: expected $2, got: $SMTP_LAST"; return 1; }
}
