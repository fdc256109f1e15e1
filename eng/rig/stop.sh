#!/usr/bin/env bash
# Stops the Mailstrom test rig started by start.sh in
# ${MAILSTROM_RIG_DIR:-/tmp/mailstrom-rig}. Idempotent: does nothing (and
# succeeds) when nothing runs. Only processes recorded by start.sh (pid files)
# and the rig's own Postfix instance are touched. Logs are kept.
set -euo pipefail

RIG_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$RIG_SRC/lib.sh"

POSTFIX_CONF="$RIG_DIR/postfix/etc"

# wait_gone SECONDS PID... : true once none of the pids is alive.
wait_gone() {
  local limit=$(($1 * 10)) i pid alive; shift
  for ((i = 0; i < limit; i++)); do
    alive=0
    for pid in "$@"; do pid_alive "$pid" && alive=1; done
    ((alive)) || return 0
    sleep 0.1
  done
  return 1
}

# Pids of processes whose environment names the rig's Postfix config dir
# (postfix -c exports MAIL_CONFIG and master passes it to every child).
postfix_rig_pids() {
  local env
  for env in /proc/[0-9]*/environ; do
    if { tr '\0' '\n' <"$env"; } 2>/dev/null | grep -qxF "MAIL_CONFIG=$POSTFIX_CONF"; then
      env="${env#/proc/}"; echo "${env%/environ}"
    fi
  done
}

# --- Postfix: orderly stop, then abort, then kill what is left of this instance
if [[ -f "$POSTFIX_CONF/main.cf" ]]; then
  if postfix -c "$POSTFIX_CONF" status >/dev/null 2>&1; then
    log "stopping postfix ($POSTFIX_CONF)"
    postfix -c "$POSTFIX_CONF" stop >/dev/null 2>&1 || true
    master_pid="$(tr -d ' ' <"$RIG_DIR/postfix/spool/pid/master.pid" 2>/dev/null || true)"
    if [[ -n "$master_pid" ]] && ! wait_gone 10 "$master_pid"; then
      postfix -c "$POSTFIX_CONF" abort >/dev/null 2>&1 || true
      wait_gone 3 "$master_pid" || kill -KILL "$master_pid" 2>/dev/null || true
    fi
  fi
  mapfile -t leftovers < <(postfix_rig_pids)
  if ((${#leftovers[@]})); then
    kill -TERM "${leftovers[@]}" 2>/dev/null || true
    wait_gone 3 "${leftovers[@]}" || kill -KILL "${leftovers[@]}" 2>/dev/null || true
  fi
fi

# --- everything else started by start.sh (dnsmasq, smtp-sinks, Azurite)
to_wait=()
if [[ -d "$PID_DIR" ]]; then
  for pidfile in "$PID_DIR"/*.pid; do
    [[ -e "$pidfile" ]] || continue
    name="$(basename "$pidfile" .pid)"
    pid="$(pidfile_pid "$pidfile" || true)"   # empty if gone (or pid recycled)
    rm -f "$pidfile"
    [[ "$name" == postfix-master ]] && continue   # handled above
    [[ -n "$pid" ]] || continue
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    to_wait+=("$pid")
  done
fi
if ((${#to_wait[@]})) && ! wait_gone 5 "${to_wait[@]}"; then
  for pid in "${to_wait[@]}"; do
    pid_alive "$pid" && { log "pid $pid ignored SIGTERM, killing"; kill -KILL "$pid" 2>/dev/null || true; }
  done
  wait_gone 2 "${to_wait[@]}" || true
fi

rm -f "$RIG_DIR/rig.env" "$RIG_DIR/rig.env.sh"
exit 0
