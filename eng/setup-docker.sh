#!/usr/bin/env bash
# Installs (if missing) and starts (if not answering) the Docker engine on /var/run/docker.sock.
# Idempotent. An engine started here is recorded in .eng-state/dockerd.started so that
# eng/stop-services.sh stops it, and only it, at the end of a run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DOCKER_SOCK=/var/run/docker.sock
DOCKER_PIDFILE=/var/run/docker.pid
DOCKER_LOG="$ENG_STATE/dockerd.log"
DOCKER_START_TIMEOUT="${DOCKER_START_TIMEOUT:-60}"

engine_answers() { docker -H "unix://$DOCKER_SOCK" version >/dev/null 2>&1; }

# Fast path: installed and answering, nothing to serialise.
# Pool containers must not reach this host or link-local addresses (see the script).
guard() { bash "$ENG_ROOT/eng/docker-host-guard.sh"; }

if command -v dockerd >/dev/null 2>&1 && [[ -x /bin/busybox ]] && engine_answers; then
  log "docker engine already answers on $DOCKER_SOCK"
  guard
  exit 0
fi

# Serialise concurrent runs (several test suites may call this at once).
take_lock setup-docker

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
[[ -x /bin/busybox ]] && dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
if ((${#missing[@]} > 0)); then
  apt_install "${missing[@]}"
fi

if engine_answers; then
  log "docker engine already answers on $DOCKER_SOCK"
  guard
  exit 0
fi

start_bg dockerd "$ENG_STATE/dockerd.pid" "$DOCKER_LOG" \
  dockerd --host "unix://$DOCKER_SOCK" --pidfile "$DOCKER_PIDFILE"

if ! wait_until "docker -H unix://$DOCKER_SOCK version" "$DOCKER_START_TIMEOUT"; then
  log "docker engine did not answer on $DOCKER_SOCK within ${DOCKER_START_TIMEOUT}s; last lines of $DOCKER_LOG:"
  tail -n 30 "$DOCKER_LOG" >&2 || true
  exit 1
fi
log "docker engine answers on $DOCKER_SOCK ($(docker version -f '{{.Server.Version}}' 2>/dev/null))"
guard
