#!/usr/bin/env bash
# Shared helpers for the eng/ scripts. Source it; it defines functions and ENG_STATE only.

ENG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENG_STATE="${ENG_STATE:-$ENG_ROOT/.eng-state}"
mkdir -p "$ENG_STATE"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

die() { log "ERROR: $*"; exit 1; }

# start_bg NAME PIDFILE LOGFILE cmd...
# Starts cmd detached (own session, so ending the caller's process group leaves it running),
# writes its pid to PIDFILE and marks $ENG_STATE/NAME.started so stop-services.sh stops it later.
start_bg() {
  local name="$1" pidfile="$2" logfile="$3"
  shift 3
  mkdir -p "$(dirname "$pidfile")" "$(dirname "$logfile")"
  # setsid execs in place here (a script's background child is not a group leader), so $! is cmd's pid.
  # 9>&- : the caller may hold a lock on fd 9; a long-lived service must not inherit it.
  setsid "$@" </dev/null >>"$logfile" 2>&1 9>&- &
  local pid=$!
  echo "$pid" >"$pidfile"
  printf '%s\n%s\n%s\n' "$pid" "$(basename "$1")" "$logfile" >"$ENG_STATE/$name.started"
  log "started $name (pid $pid), log: $logfile"
}

# take_lock NAME — serialises concurrent runs of a script on fd 9 (waits up to 5 minutes).
take_lock() {
  exec 9>"$ENG_STATE/$1.lock"
  flock -w 300 9 || die "another run has held $ENG_STATE/$1.lock for over 5 minutes"
}

# wait_until CMD TIMEOUT_SECONDS — polls `eval CMD` every 0.2 s; returns 1 on timeout.
wait_until() {
  local cmd="$1" timeout="$2"
  local deadline=$((SECONDS + timeout))
  until eval "$cmd" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      return 1
    fi
    sleep 0.2
  done
}

# is_alive PID — running and not a zombie waiting to be reaped.
is_alive() {
  kill -0 "$1" 2>/dev/null && [[ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]]
}

# apt_install PKG... — installs with no recommends; runs `apt-get update` at most once per script run.
APT_UPDATED="${APT_UPDATED:-}"
apt_install() {
  if [[ -z "$APT_UPDATED" ]]; then
    log "apt-get update"
    apt-get update -qq
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# running_services — names of the services an eng/ script started that are still running.
running_services() {
  local marker pid
  shopt -s nullglob
  for marker in "$ENG_STATE"/*.started; do
    read -r pid <"$marker" || continue
    if is_alive "$pid"; then basename "$marker" .started; fi
  done
}

# stop_services_except NAME... — stops what eng/ scripts started, except the named services: a
# command stops only what it started itself, never a service another command (./eng/run) is using.
stop_services_except() {
  bash "$ENG_ROOT/eng/stop-services.sh" "$@"
}
