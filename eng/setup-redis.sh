#!/usr/bin/env bash
# Runs a Redis server (Debian's redis-server) for cluster mode's Orleans membership and the cluster
# tests: listening on 127.0.0.1 only, port 56379 (or the next free one), nothing saved to disk
# (membership is rebuilt by the silos). Idempotent: a server that answers on its remembered port is
# left alone. Recorded in $ENG_STATE/redis.started so eng/stop-services.sh stops it by pid.
#
# Writes $ENG_STATE/redis.env (KEY=VALUE): REDIS_PORT, BOILERHOUSE_REDIS (a StackExchange.Redis
# connection string).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIR="$ENG_STATE/redis"
ENV_FILE="$ENG_STATE/redis.env"
START_TIMEOUT="${REDIS_START_TIMEOUT:-30}"

take_lock setup-redis
command -v redis-server >/dev/null 2>&1 || apt_install redis-server
command -v redis-cli >/dev/null 2>&1 || apt_install redis-tools

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
answers() { [[ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" == PONG ]]; }

mkdir -p "$DIR"
if [[ -f "$DIR/port" ]] && answers "$(cat "$DIR/port")"; then
  log "redis already answers on port $(cat "$DIR/port")"
else
  port=56379
  if [[ -f "$DIR/port" ]] && port_free "$(cat "$DIR/port")"; then port="$(cat "$DIR/port")"; fi
  while ! port_free "$port"; do port=$((port + 1)); done
  echo "$port" >"$DIR/port"
  start_bg redis "$DIR/redis.pid" "$DIR/server.log" \
    redis-server --port "$port" --bind 127.0.0.1 --dir "$DIR" --save '' --appendonly no --daemonize no
  wait_until "answers $port" "$START_TIMEOUT" || { tail -n 20 "$DIR/server.log" >&2; die "redis did not answer on port $port"; }
  log "redis answers on port $port"
fi
port="$(cat "$DIR/port")"

{
  echo "REDIS_PORT=$port"
  echo "BOILERHOUSE_REDIS=127.0.0.1:$port"
} >"$ENV_FILE.tmp"
mv "$ENV_FILE.tmp" "$ENV_FILE"
log "redis ready: $ENV_FILE"
