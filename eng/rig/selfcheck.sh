#!/usr/bin/env bash
# Deep self-check of a running rig (start.sh runs it; safe to re-run by hand):
#   - every DNS record of the test zone, NXDOMAIN / NODATA cases, TCP and UDP
#   - the exact replies of the tempfail / reject / greet421 sinks
#   - STARTTLS delivery into the Postfix Maildir, with an ESMTPS Received header
#   - the relay: no AUTH before TLS, relaying refused without AUTH,
#     AUTH PLAIN after STARTTLS, delivery of the relayed mail into the Maildir
# Leaves one message each in the Maildirs of local parts rig-selfcheck and
# rig-relaycheck. Prints what it checked; exits non-zero on the first failure.
set -euo pipefail
shopt -s inherit_errexit

RIG_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$RIG_SRC/lib.sh"
[[ -f "$RIG_DIR/rig.env.sh" ]] || die "no rig.env.sh in $RIG_DIR - is the rig running?"
# shellcheck disable=SC1091
source "$RIG_DIR/rig.env.sh"

ok() { printf '[selfcheck] ok: %s\n' "$*"; }
fail() { printf '[selfcheck] FAILED: %s\n' "$*" >&2; exit 1; }

# ---- DNS
for line in "${ZONE_MX[@]}"; do
  read -r domain pref mx addr <<<"$line"
  rig_dig +short "$domain.$TEST_ZONE" MX | grep -qxF "$pref $mx.$TEST_ZONE." \
    || fail "DNS: $domain.$TEST_ZONE MX $pref $mx.$TEST_ZONE missing"
  [[ "$(rig_dig +short "$mx.$TEST_ZONE" A)" == "$addr" ]] || fail "DNS: $mx.$TEST_ZONE A != $addr"
done
for line in "${ZONE_A[@]}"; do
  read -r name addr ttl <<<"$line"
  [[ "$(rig_dig +short "$name.$TEST_ZONE" A)" == "$addr" ]] || fail "DNS: $name.$TEST_ZONE A != $addr"
  [[ -z "$ttl" || "$(rig_dig +noall +answer "$name.$TEST_ZONE" A | awk '{print $2}')" == "$ttl" ]] \
    || fail "DNS: $name.$TEST_ZONE A does not have TTL $ttl"
done
[[ "$(rig_dig +short "nullmx.$TEST_ZONE" MX)" == "0 ." ]] || fail "DNS: nullmx.$TEST_ZONE is not 'MX 0 .'"
rig_dig "implicit.$TEST_ZONE" MX | grep -q 'status: NOERROR' || fail "DNS: implicit MX must be NOERROR/NODATA"
[[ -z "$(rig_dig +short "implicit.$TEST_ZONE" MX)" ]] || fail "DNS: implicit.$TEST_ZONE must have no MX"
for q in MX A; do
  rig_dig "missing.$TEST_ZONE" "$q" | grep -q 'status: NXDOMAIN' || fail "DNS: missing.$TEST_ZONE $q is not NXDOMAIN"
  rig_dig +tcp "missing.$TEST_ZONE" "$q" | grep -q 'status: NXDOMAIN' || fail "DNS/TCP: missing.$TEST_ZONE $q is not NXDOMAIN"
done
rig_dig +tcp +short "postfix.$TEST_ZONE" MX | grep -qxF "10 mx.postfix.$TEST_ZONE." || fail "DNS over TCP"
ok "DNS zone $TEST_ZONE on $DNS_SERVER (UDP+TCP, null MX, NODATA, NXDOMAIN)"

# ---- fault sinks: exact replies
# rcpt_reply ADDR : EHLO/MAIL/RCPT on a plain connection; prints the RCPT reply.
rcpt_reply() {
  local fd
  exec {fd}<>"/dev/tcp/$1/$SMTP_PORT"
  smtp_expect "$fd" 220 greeting >&2
  smtp_send "$fd" "EHLO selfcheck.$TEST_ZONE"; smtp_expect "$fd" 250 EHLO >&2
  smtp_send "$fd" "MAIL FROM:<rig-selfcheck@$TEST_ZONE>"; smtp_expect "$fd" 250 MAIL >&2
  smtp_send "$fd" "RCPT TO:<someone@$TEST_ZONE>"; smtp_reply "$fd"
  printf '%s\n' "$SMTP_LAST"
  smtp_send "$fd" QUIT; exec {fd}>&-
}
got="$(rcpt_reply "$ADDR_TEMPFAIL")"; [[ "$got" == "$REPLY_TEMPFAIL" ]] || fail "tempfail RCPT reply: '$got'"
got="$(rcpt_reply "$ADDR_REJECT")";   [[ "$got" == "$REPLY_REJECT" ]]   || fail "reject RCPT reply: '$got'"
got="$(smtp_greeting "$ADDR_GREET421" "$SMTP_PORT")"; [[ "$got" == "$REPLY_GREET421" ]] || fail "greet421 greeting: '$got'"
ok "sink replies: '$REPLY_TEMPFAIL' / '$REPLY_REJECT' / '$REPLY_GREET421'"

# ---- Postfix over STARTTLS
# tls_session HOST PORT : openssl s_client (STARTTLS already done) in the
# background, talking through two FIFOs; sets TLS_W / TLS_R (fds) and TLS_PID.
tls_session() {
  local dir; dir="$(mktemp -d)"
  mkfifo "$dir/in" "$dir/out"
  openssl s_client -quiet -starttls smtp -connect "$1:$2" -servername "$POSTFIX_MX_HOST" \
    -name "selfcheck.$TEST_ZONE" <"$dir/in" >"$dir/out" 2>>"$LOG_DIR/selfcheck-openssl.log" &
  TLS_PID=$!
  exec {TLS_W}>"$dir/in" {TLS_R}<"$dir/out"
  rm -rf "$dir"   # the open fds keep the FIFOs alive
}
tls_close() {
  smtp_send "$TLS_W" QUIT; smtp_reply "$TLS_R" || true
  exec {TLS_W}>&- {TLS_R}<&-
  wait "$TLS_PID" 2>/dev/null || true
}
# send_message WFD RFD FROM TO TOKEN : MAIL/RCPT/DATA of a small message.
send_message() {
  local w="$1" r="$2"
  smtp_send "$w" "MAIL FROM:<$3>"; smtp_expect "$r" 250 MAIL
  smtp_send "$w" "RCPT TO:<$4>"; smtp_expect "$r" 250 RCPT
  smtp_send "$w" DATA; smtp_expect "$r" 354 DATA
  smtp_send "$w" "From: <$3>"
  smtp_send "$w" "To: <$4>"
  smtp_send "$w" "Subject: rig self-check $5"
  smtp_send "$w" "Message-ID: <$5@selfcheck.$TEST_ZONE>"
  smtp_send "$w" ""
  smtp_send "$w" "token $5"
  smtp_send "$w" "."; smtp_expect "$r" 250 end-of-data
}
# wait_maildir LOCALPART TOKEN : prints the delivered file (waits up to 15 s).
wait_maildir() {
  local i f
  for ((i = 0; i < 150; i++)); do
    f="$(grep -rlF "token $2" "$POSTFIX_MAILDIR_ROOT/$1/new" 2>/dev/null | head -n1 || true)"
    [[ -n "$f" ]] && { echo "$f"; return 0; }
    sleep 0.1
  done
  return 1
}

token="mx-$(openssl rand -hex 6)"
tls_session "$POSTFIX_ADDR" "$SMTP_PORT"
smtp_send "$TLS_W" "EHLO selfcheck.$TEST_ZONE"; smtp_expect "$TLS_R" 250 "EHLO after STARTTLS"
send_message "$TLS_W" "$TLS_R" "rig-selfcheck@$TEST_ZONE" "rig-selfcheck@$POSTFIX_DOMAIN" "$token"
tls_close
file="$(wait_maildir rig-selfcheck "$token")" || fail "STARTTLS mail not delivered to $POSTFIX_MAILDIR_ROOT/rig-selfcheck/new"
grep -q 'with ESMTPS' "$file" || fail "no ESMTPS Received header in $file"
ok "STARTTLS delivery to $POSTFIX_ADDR:$SMTP_PORT -> $file ($(grep -o 'using TLS[^)]*' "$file" | head -n1))"

# ---- relay: no AUTH in clear, relaying refused without AUTH
exec {fd}<>"/dev/tcp/$RELAY_HOST/$RELAY_PORT"
smtp_expect "$fd" 220 "relay greeting"
smtp_send "$fd" "EHLO selfcheck.$TEST_ZONE"; smtp_expect "$fd" 250 "relay EHLO"
grep -q 'AUTH' <<<"$SMTP_REPLY" && fail "relay offers AUTH before STARTTLS"
grep -q 'STARTTLS' <<<"$SMTP_REPLY" || fail "relay does not offer STARTTLS"
smtp_send "$fd" "MAIL FROM:<rig-selfcheck@$TEST_ZONE>"; smtp_expect "$fd" 250 "relay MAIL"
smtp_send "$fd" "RCPT TO:<someone@sink.$TEST_ZONE>"; smtp_reply "$fd" || true
[[ "$SMTP_LAST" == 554* ]] || fail "relay accepted an unauthenticated relay recipient: $SMTP_LAST"
smtp_send "$fd" QUIT; exec {fd}>&-
ok "relay: no AUTH before TLS; unauthenticated relaying refused ($SMTP_LAST)"

# ---- relay: STARTTLS + AUTH PLAIN + delivery
token="relay-$(openssl rand -hex 6)"
tls_session "$RELAY_HOST" "$RELAY_PORT"
smtp_send "$TLS_W" "EHLO selfcheck.$TEST_ZONE"; smtp_expect "$TLS_R" 250 "relay EHLO after STARTTLS"
grep -q 'AUTH.*PLAIN' <<<"$SMTP_REPLY" || fail "relay does not offer AUTH PLAIN after STARTTLS"
smtp_send "$TLS_W" "AUTH PLAIN $(printf '\0%s\0%s' "$RELAY_USER" "$RELAY_PASSWORD" | base64 -w0)"
smtp_expect "$TLS_R" 235 "AUTH PLAIN"
send_message "$TLS_W" "$TLS_R" "rig-selfcheck@$TEST_ZONE" "rig-relaycheck@$POSTFIX_DOMAIN" "$token"
tls_close
file="$(wait_maildir rig-relaycheck "$token")" || fail "relayed mail not delivered to $POSTFIX_MAILDIR_ROOT/rig-relaycheck/new"
grep -q 'with ESMTPSA' "$file" || fail "no ESMTPSA Received header in $file"
ok "relay AUTH PLAIN after STARTTLS on $RELAY_HOST:$RELAY_PORT -> $file"

# ---- DKIM: the published keys match the private keys, as OpenDKIM (through its own resolver) sees them.
# opendkim-testkey checks rsa keys only; the ed25519 record is compared with the key's public half.
testkey() { opendkim-testkey -x "$RIG_DIR/opendkim/opendkim.conf" -d "$DKIM_DOMAIN" -s "$DKIM_RSA_SELECTOR" -k "$1" -vvv 2>&1; }
out="$(testkey "$DKIM_RSA_KEY")" && grep -q 'key OK' <<<"$out" \
  || fail "opendkim-testkey $DKIM_RSA_SELECTOR._domainkey.$DKIM_DOMAIN: $out"
out="$(testkey "$DKIM_UNPUBLISHED_RSA_KEY")" && fail "the unpublished DKIM key matches the published record: $out"
ed="$(openssl pkey -in "$DKIM_ED25519_KEY" -pubout -outform DER | tail -c 32 | base64 -w0)"
[[ "$(rig_dig +short "$DKIM_ED25519_SELECTOR._domainkey.$DKIM_DOMAIN" TXT)" == "\"v=DKIM1; k=ed25519; p=$ed\"" ]] \
  || fail "DNS: $DKIM_ED25519_SELECTOR._domainkey.$DKIM_DOMAIN does not publish the ed25519 key"
ok "DKIM keys published for $DKIM_DOMAIN ($DKIM_RSA_SELECTOR, $DKIM_ED25519_SELECTOR); OpenDKIM milter on $OPENDKIM_ADDR:$OPENDKIM_PORT"

# ---- 8BITMIME: announced by the MX, not by the no8bit listener
ehlo_keywords() {
  local fd
  exec {fd}<>"/dev/tcp/$1/$SMTP_PORT"
  smtp_expect "$fd" 220 greeting >&2
  smtp_send "$fd" "EHLO selfcheck.$TEST_ZONE"; smtp_expect "$fd" 250 EHLO >&2
  printf '%s' "$SMTP_REPLY"
  smtp_send "$fd" QUIT; exec {fd}>&-
}
grep -q '8BITMIME' <<<"$(ehlo_keywords "$POSTFIX_ADDR")" || fail "the Postfix MX does not announce 8BITMIME"
keywords="$(ehlo_keywords "$ADDR_NO8BIT")"
grep -q '8BITMIME' <<<"$keywords" && fail "the no8bit listener announces 8BITMIME"
grep -q 'STARTTLS' <<<"$keywords" || fail "the no8bit listener does not offer STARTTLS"
ok "8BITMIME on $POSTFIX_ADDR, none on $ADDR_NO8BIT ($NO8BIT_DOMAIN)"

# ---- MTA-STS: TXT records, and certificates that verify against the test CA for their names
for d in "${STS_DOMAINS[@]}"; do
  [[ "$(rig_dig +short "_mta-sts.$d.$TEST_ZONE" TXT)" == "\"$MTASTS_TXT\"" ]] || fail "DNS: _mta-sts.$d.$TEST_ZONE TXT"
  openssl verify -CAfile "$TEST_CA_CERT" -verify_hostname "mta-sts.$d.$TEST_ZONE" "$MTASTS_CERT" >/dev/null 2>&1 \
    || fail "the MTA-STS certificate does not verify for mta-sts.$d.$TEST_ZONE"
done
out="$(openssl s_client -starttls smtp -connect "$POSTFIX_ADDR:$SMTP_PORT" -CAfile "$TEST_CA_CERT" \
  -verify_hostname "$POSTFIX_MX_HOST" -verify_return_error </dev/null 2>&1)" \
  || fail "Postfix's certificate does not verify against the test CA for $POSTFIX_MX_HOST: $(grep -i verify <<<"$out" | head -n3)"
ok "MTA-STS TXT for ${#STS_DOMAINS[@]} domains; Postfix's and the policy hosts' certificates chain to $TEST_CA_CERT"
