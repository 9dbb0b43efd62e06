#!/usr/bin/env bash
# Installs Debian's gVisor (runsc) and registers it as the runtime "runsc" with the local Docker engine,
# so workloads with `runtime: runsc` run their processes in gVisor's user-space kernel. Idempotent.
# On these machines gVisor's own network stack cannot start, so the registered runtime is a wrapper
# that runs runsc with --network=none: gVisor containers here have no network (documented in README).
# Registration goes into /etc/docker/daemon.json (kept across engine restarts) and is applied to a
# running engine with SIGHUP (dockerd reloads its runtimes without stopping containers).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WRAPPER=/usr/local/bin/boilerhouse-runsc
DAEMON_JSON=/etc/docker/daemon.json

take_lock setup-gvisor
command -v runsc >/dev/null 2>&1 || apt_install runsc

cat >"$WRAPPER.tmp" <<'SCRIPT'
#!/bin/sh
# Docker's "runsc" runtime for Boilerhouse: gVisor without its network stack (see eng/setup-gvisor.sh).
exec /usr/bin/runsc --network=none "$@"
SCRIPT
chmod 755 "$WRAPPER.tmp"
mv -f "$WRAPPER.tmp" "$WRAPPER"

mkdir -p "$(dirname "$DAEMON_JSON")"
changed=$(python3 - "$DAEMON_JSON" "$WRAPPER" <<'PY'
import json, os, sys
path, wrapper = sys.argv[1], sys.argv[2]
config = {}
if os.path.exists(path) and os.path.getsize(path) > 0:
    with open(path) as f:
        config = json.load(f)
runtimes = config.setdefault("runtimes", {})
if runtimes.get("runsc") == {"path": wrapper}:
    print("no")
else:
    runtimes["runsc"] = {"path": wrapper}
    with open(path + ".tmp", "w") as f:
        json.dump(config, f, indent=2)
    os.replace(path + ".tmp", path)
    print("yes")
PY
)

registered() { docker info --format '{{json .Runtimes}}' 2>/dev/null | grep -q '"runsc"'; }
if [[ "$changed" == "yes" ]] || ! registered; then
  if pid=$(cat /var/run/docker.pid 2>/dev/null) && kill -0 "$pid" 2>/dev/null; then
    kill -HUP "$pid"
    wait_until registered 30 || die "dockerd did not load the runsc runtime from $DAEMON_JSON"
  fi
fi
log "gVisor runtime runsc registered ($(runsc --version 2>/dev/null | head -n 1))"
