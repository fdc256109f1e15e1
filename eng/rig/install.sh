#!/usr/bin/env bash
# Installs everything the Mailstrom integration-test rig needs (idempotent).
#
#   eng/rig/install.sh
#
# - Debian packages: Postfix (+ smtp-sink), dnsmasq, Cyrus SASL tools, openssl,
#   dig, ss, ... ; `apt-get update` runs only when something is missing.
# - Azurite (Azure Storage emulator) from npm into <repo>/.tools/azurite.
# - Adds `.tools/` to the repo's .gitignore.
# Must run as root (CI and dev machines run as root). Exits non-zero with a
# clear message when anything cannot be installed.
set -euo pipefail

RIG_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "$RIG_SRC/lib.sh"

# Debian packages and the command each one must provide afterwards.
APT_PACKAGES=(
  postfix          # real MTA + /usr/sbin/smtp-sink
  dnsmasq-base     # the DNS server for the test zone (no system service)
  opendkim         # the DKIM verifier (a Postfix milter)
  opendkim-tools   # opendkim-testkey (self-check of the published keys)
  sasl2-bin        # saslpasswd2 (sasldb for the relay's AUTH)
  libsasl2-modules # PLAIN/LOGIN mechanisms
  libsasl2-modules-db # sasldb auxprop plugin
  openssl          # certificate generation, STARTTLS checks
  coreutils        # stdbuf, timeout, base64
  bind9-dnsutils   # dig (self-checks / manual checks)
  iproute2         # ss
  procps           # ps, pgrep
  nodejs           # runs Azurite (skipped when node is already on PATH)
  npm              # installs Azurite (skipped when npm is already on PATH)
)

[[ $EUID -eq 0 ]] || die "install.sh must run as root (needs apt-get)."

is_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  case "$pkg" in
    # A node/npm that is already on PATH (e.g. a newer one) is fine.
    nodejs) command -v node >/dev/null && continue ;;
    npm)    command -v npm  >/dev/null && continue ;;
  esac
  is_installed "$pkg" || missing+=("$pkg")
done

if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  # Postfix asks debconf questions; we configure our own instance ourselves.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || die "apt-get install failed for: ${missing[*]}"
else
  log "Debian packages already installed"
fi

# Everything the scripts call must now exist.
for cmd in postfix postconf smtp-sink dnsmasq opendkim opendkim-testkey saslpasswd2 openssl stdbuf timeout dig ss pgrep node npm; do
  command -v "$cmd" >/dev/null || die "required command '$cmd' is still missing after install"
done
[[ -e /usr/lib/x86_64-linux-gnu/sasl2/libsasldb.so.2 || -n "$(find /usr/lib -name 'libsasldb.so*' -print -quit 2>/dev/null)" ]] \
  || die "Cyrus SASL sasldb plugin (libsasldb.so) not found"
id opendkim >/dev/null 2>&1 || die "user 'opendkim' missing (the opendkim package should create it)"
id postfix >/dev/null 2>&1 || die "user 'postfix' missing (the postfix package should create it)"
getent group postdrop >/dev/null || die "group 'postdrop' missing (the postfix package should create it)"

# ---- Azurite
# azurite 3.37.0 declares node >= 22; blob/queue/table basics were checked to
# work on Debian's/this machine's node 20, so a lower version only warns.
node_major="$(node -p 'process.versions.node.split(".")[0]')"
((node_major >= 22)) || log "warning: node $(node --version) is older than the v22 azurite $AZURITE_VERSION asks for"
azurite_pkg="$AZURITE_PREFIX/node_modules/azurite/package.json"
have_version=""
[[ -f "$azurite_pkg" ]] && have_version="$(node -p "require('$azurite_pkg').version" 2>/dev/null || true)"
if [[ "$have_version" != "$AZURITE_VERSION" || ! -x "$AZURITE_BIN" ]]; then
  log "installing azurite@$AZURITE_VERSION into $AZURITE_PREFIX"
  mkdir -p "$AZURITE_PREFIX"
  npm install --prefix "$AZURITE_PREFIX" "azurite@$AZURITE_VERSION" \
      --no-audit --no-fund --no-save --loglevel=error \
    || die "npm install azurite@$AZURITE_VERSION failed"
  [[ -x "$AZURITE_BIN" ]] || die "azurite binary not found at $AZURITE_BIN after npm install"
else
  log "azurite $AZURITE_VERSION already installed"
fi

# ---- .gitignore
gitignore="$REPO_ROOT/.gitignore"
if ! grep -qxF '.tools/' "$gitignore" 2>/dev/null; then
  # Make sure we append on a fresh line.
  if [[ -s "$gitignore" && -n "$(tail -c1 "$gitignore")" ]]; then echo >>"$gitignore"; fi
  echo '.tools/' >>"$gitignore"
  log "added .tools/ to $gitignore"
fi

log "install complete"
