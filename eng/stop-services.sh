#!/usr/bin/env bash
# Stops, by pid, every service an eng/ script started (each has .eng-state/NAME.started),
# then removes its marker. Services it did not start are left alone, and so are the services named
# as arguments (those that were already running when the calling command began).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

STOP_TIMEOUT="${STOP_TIMEOUT:-30}"

shopt -s nullglob
for marker in "$ENG_STATE"/*.started; do
  name="$(basename "$marker" .started)"
  if [[ " $* " == *" $name "* ]]; then
    log "leaving $name running (it was running before this command)"
    continue
  fi
  { read -r pid; read -r exe; } <"$marker" || true
  if [[ -z "${pid:-}" ]] || ! is_alive "$pid"; then
    log "$name (pid ${pid:-?}) is not running"
    rm -f "$marker"
    continue
  fi
  # Guard against a recycled pid: only signal the process we started.
  if [[ -n "${exe:-}" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$exe"; then
    log "pid $pid is no longer $name ($exe); leaving it alone"
    rm -f "$marker"
    continue
  fi
  log "stopping $name (pid $pid)"
  # SIGTERM to the service alone so it can shut down its own children (dockerd stops containerd).
  kill -TERM "$pid"
  if ! wait_until "! is_alive $pid" "$STOP_TIMEOUT"; then
    log "$name (pid $pid) ignored SIGTERM for ${STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  # start_bg ran it with setsid, so its process group has its pid: end what it left behind.
  if pgrep -g "$pid" >/dev/null 2>&1; then
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$marker"
done

# Engine 3 of eng/setup-tls-hosts.sh ran in a network namespace made for it: remove it once the
# engine is stopped (its veth pair and the metadata route go with it).
if [[ -f "$ENG_STATE/tls-netns-3.created" && ! -f "$ENG_STATE/tls-dockerd-3.started" ]]; then
  if ip netns list 2>/dev/null | grep -qw '^bh-tls3'; then
    log "removing network namespace bh-tls3"
    ip netns del bh-tls3 || true
  fi
  rm -f "$ENG_STATE/tls-netns-3.created"
fi
