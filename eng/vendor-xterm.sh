#!/usr/bin/env bash
# Vendors xterm.js (and its fit addon) into the dashboard's wwwroot/lib/xterm from the npm registry.
# Run it by hand to upgrade; the files are committed, so building or running needs no Node.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

XTERM_VERSION="${XTERM_VERSION:-6.0.0}"
FIT_VERSION="${FIT_VERSION:-0.11.0}"
target="$ENG_ROOT/src/Boilerhouse.Dashboard/wwwroot/lib/xterm"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v npm >/dev/null 2>&1 || die "npm is needed to vendor xterm.js (apt-get install npm)"
log "npm pack @xterm/xterm@$XTERM_VERSION @xterm/addon-fit@$FIT_VERSION"
(cd "$work" && npm pack --silent "@xterm/xterm@$XTERM_VERSION" "@xterm/addon-fit@$FIT_VERSION" >/dev/null)
mkdir -p "$work/xterm" "$work/fit" "$target"
tar -xzf "$work"/xterm-xterm-"$XTERM_VERSION".tgz -C "$work/xterm"
tar -xzf "$work"/xterm-addon-fit-"$FIT_VERSION".tgz -C "$work/fit"

cp "$work/xterm/package/lib/xterm.js" "$work/xterm/package/css/xterm.css" "$work/xterm/package/LICENSE" "$target/"
cp "$work/fit/package/lib/addon-fit.js" "$target/"
printf '@xterm/xterm %s\n@xterm/addon-fit %s\n' "$XTERM_VERSION" "$FIT_VERSION" >"$target/VERSIONS"
log "vendored into $target: $(cd "$target" && echo *)"
