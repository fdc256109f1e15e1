#!/bin/sh
# Maildir writer run by the rig's Postfix pipe(8) transport (as nobody):
#   maildir-deliver.sh MAILDIR_ROOT LOCALPART  < message
# Stores the message as MAILDIR_ROOT/LOCALPART/new/<unique name>, written to
# tmp/ first and renamed, as the Maildir format requires. Exit codes follow
# sysexits(3), which pipe(8) maps to bounce (67) or defer (75).
set -u
root="$1" user="$2"
case "$user" in
  ''|.*|*/*) echo "invalid local part for a maildir: $user" >&2; exit 67 ;;
esac
umask 022   # tests may read the files as any user
dir="$root/$user"
mkdir -p "$dir/tmp" "$dir/new" "$dir/cur" || exit 75
name="$(date +%s).M$(date +%N)P$$.mx.postfix.mailstrom.test"
cat >"$dir/tmp/$name" || { rm -f "$dir/tmp/$name"; exit 75; }
mv "$dir/tmp/$name" "$dir/new/$name" || exit 75
exit 0
