#!/usr/bin/env bash
# Starts three extra Docker engines ("Docker hosts" for the multi-host tests) that answer only over
# mutual TLS, with certificates made here by openssl, and loads the test image into each.
# Engines 1 and 2 listen on tcp://127.0.0.1:PORT with iptables off. Engine 3 runs in a network
# namespace of its own (eng/tls-host3.sh) with iptables on, like a real remote Docker host, so
# network isolation (ICC off, eng/docker-host-guard.sh) really applies there.
# Idempotent: certificates are kept while valid, an engine that answers is left alone, one that is
# gone (e.g. a test killed it) is started again on its old port.
#
# Writes $ENG_STATE/tls-hosts.env (KEY=VALUE lines) for the tests:
#   TLS_HOST_<N>_URI, TLS_HOST_<N>_PIDFILE   the engines (N = 1, 2, 3)
#   TLS_HOST_3_ADVERTISE                    engine 3's address as other machines see it (10.213.30.2)
#   TLS_CLIENT_CERT_PATH                    ca.pem, cert.pem, key.pem that the engines accept
#   TLS_WRONG_CA_CERT_PATH                  the same client certificate with a CA that signed neither engine
# Engines started here are recorded in $ENG_STATE/tls-dockerd-<N>.started so eng/stop-services.sh stops
# them (and removes engine 3's namespace).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

IMAGE="${TLS_HOSTS_IMAGE:-boilerhouse/busybox:local}"
COUNT=2
FIRST_PORT="${TLS_HOSTS_FIRST_PORT:-23761}"
START_TIMEOUT="${DOCKER_START_TIMEOUT:-60}"
DIR="$ENG_STATE/tls-hosts"
CERTS="$DIR/certs"
ENV_FILE="$ENG_STATE/tls-hosts.env"
# Unix sockets live under the exec root and must stay short: keep it out of deep checkouts.
EXEC_BASE="/run/boilerhouse-tls-$(printf '%s' "$ENG_STATE" | sha256sum | cut -c1-8)"

command -v dockerd >/dev/null 2>&1 || die "dockerd missing: run eng/setup-docker.sh first"
command -v openssl >/dev/null 2>&1 || apt_install openssl
command -v ip >/dev/null 2>&1 || apt_install iproute2
docker image inspect "$IMAGE" >/dev/null 2>&1 || die "$IMAGE missing: run eng/build-images.sh first"

take_lock setup-tls-hosts
mkdir -p "$CERTS"

# --- certificates -------------------------------------------------------------------------------
# make_ca NAME DIR: a self-signed CA (ca.pem, ca-key.pem)
make_ca() {
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 30 -subj "/CN=$1" \
    -keyout "$2/ca-key.pem" -out "$2/ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
}

# issue NAME SUBJECT EXTENSIONS: NAME-cert.pem and NAME-key.pem signed by the test CA
issue() {
  local name="$1" subject="$2" extensions="$3"
  openssl req -new -newkey rsa:2048 -nodes -sha256 -subj "$subject" \
    -keyout "$CERTS/$name-key.pem" -out "$CERTS/$name.csr" 2>/dev/null
  printf '%b\n' "$extensions" >"$CERTS/$name.ext"
  openssl x509 -req -in "$CERTS/$name.csr" -CA "$CERTS/ca.pem" -CAkey "$CERTS/ca-key.pem" -CAcreateserial \
    -days 30 -sha256 -extfile "$CERTS/$name.ext" -out "$CERTS/$name-cert.pem" 2>/dev/null
  rm -f "$CERTS/$name.csr" "$CERTS/$name.ext"
}

certs_valid() {
  [[ -f "$CERTS/ca.pem" && -f "$CERTS/server-cert.pem" && -f "$CERTS/client/cert.pem" && -f "$CERTS/wrong-ca/ca.pem" ]] &&
    openssl x509 -checkend 86400 -noout -in "$CERTS/ca.pem" >/dev/null &&
    openssl x509 -checkend 86400 -noout -in "$CERTS/server-cert.pem" >/dev/null &&
    openssl x509 -checkend 86400 -noout -in "$CERTS/client/cert.pem" >/dev/null
}

renewed=0
if ! certs_valid; then
  log "making TLS certificates in $CERTS"
  rm -rf "$CERTS" && mkdir -p "$CERTS/client" "$CERTS/wrong-ca"
  make_ca boilerhouse-test-ca "$CERTS"
  issue server "/CN=boilerhouse-tls-dockerd" "subjectAltName = IP:127.0.0.1\nextendedKeyUsage = serverAuth\nkeyUsage = critical,digitalSignature,keyEncipherment"
  issue client "/CN=boilerhouse-client" "extendedKeyUsage = clientAuth\nkeyUsage = critical,digitalSignature,keyEncipherment"
  # DOCKER_CERT_PATH layout for the client: ca.pem, cert.pem, key.pem.
  cp "$CERTS/ca.pem" "$CERTS/client/ca.pem"
  mv "$CERTS/client-cert.pem" "$CERTS/client/cert.pem"
  mv "$CERTS/client-key.pem" "$CERTS/client/key.pem"
  # A valid client certificate, but a CA that signed neither engine: the engines must be refused.
  make_ca boilerhouse-wrong-ca "$CERTS/wrong-ca"
  rm -f "$CERTS/wrong-ca/ca-key.pem"
  cp "$CERTS/client/cert.pem" "$CERTS/client/key.pem" "$CERTS/wrong-ca/"
  chmod 0600 "$CERTS"/*-key.pem "$CERTS"/client/key.pem "$CERTS"/wrong-ca/key.pem
  renewed=1
fi

# --- engines ------------------------------------------------------------------------------------
HOST3_ADDRESS=10.213.30.2
engine_address() { if [[ "$1" == 3 ]]; then echo "$HOST3_ADDRESS"; else echo 127.0.0.1; fi; }

tls_docker() { # tls_docker N docker-args...
  local n="$1"
  shift
  docker --tlsverify --tlscacert "$CERTS/client/ca.pem" --tlscert "$CERTS/client/cert.pem" \
    --tlskey "$CERTS/client/key.pem" -H "tcp://$(engine_address "$n"):$(cat "$DIR/host$n/port")" "$@"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() { # the remembered port if still free, else the next free one
  local n="$1" port
  if [[ -f "$DIR/host$n/port" ]] && port_free "$(cat "$DIR/host$n/port")"; then
    cat "$DIR/host$n/port"
    return
  fi
  port=$((FIRST_PORT + (n - 1) * 10))
  while ! port_free "$port"; do port=$((port + 1)); done
  echo "$port"
}

stop_engine() { # stop_engine N: by its pid file (new certificates or arguments, or not answering)
  local pidfile="$DIR/host$1/dockerd.pid" pid
  [[ -f "$pidfile" ]] || return 0
  pid="$(cat "$pidfile")"
  if is_alive "$pid"; then
    log "stopping tls-dockerd-$1 (pid $pid)"
    kill -TERM "$pid"
    wait_until "! is_alive $pid" 30 || kill -KILL "$pid" 2>/dev/null || true
  fi
}

# Each engine gets a bridge of its own. Not --bridge=none: an engine without a bridge deletes the
# host's docker0 at start-up, which breaks the main engine's bridge network.
ensure_bridge() {
  local name="$1" cidr="$2"
  ip link show "$name" >/dev/null 2>&1 || ip link add "$name" type bridge
  ip -4 addr show dev "$name" | grep -qF " ${cidr} " || ip addr add "$cidr" dev "$name"
  ip link set "$name" up
}

engine_args() { # engine_args N PORT: sets ENGINE_ARGS, dockerd's arguments (a change restarts a running engine)
  local n="$1" port="$2" home="$DIR/host$1"
  ENGINE_ARGS=(--data-root "$home/data" --exec-root "$EXEC_BASE/host$n" --pidfile "$home/dockerd.pid"
    -H "tcp://127.0.0.1:$port" --tlsverify --tlscacert "$CERTS/ca.pem"
    --tlscert "$CERTS/server-cert.pem" --tlskey "$CERTS/server-key.pem"
    --bridge "bh-tls-$n" --iptables=false --ip-masq=false
    --containerd-namespace "boilerhouse-tls-$n" --containerd-plugins-namespace "boilerhouse-tls-$n-plugins")
}

same_args() { # same_args N: the running engine was started with today's arguments
  [[ -f "$DIR/host$1/port" && -f "$DIR/host$1/args" ]] || return 1
  engine_args "$1" "$(cat "$DIR/host$1/port")"
  [[ "$(cat "$DIR/host$1/args")" == "$(printf '%q ' "${ENGINE_ARGS[@]}")" ]]
}

start_engine() {
  local n="$1" home="$DIR/host$1" port
  mkdir -p "$home" "$EXEC_BASE"
  port="$(pick_port "$n")"
  echo "$port" >"$home/port"
  ensure_bridge "bh-tls-$n" "10.213.$n.1/24"
  # stop_engine made sure it is not running; a killed one leaves its pid file (dockerd refuses to start
  # while the pid in it exists, and a zombie still does).
  rm -f "$home/dockerd.pid"
  engine_args "$n" "$port"
  printf '%q ' "${ENGINE_ARGS[@]}" >"$home/args"
  start_bg "tls-dockerd-$n" "$home/start.pid" "$home/dockerd.log" dockerd "${ENGINE_ARGS[@]}"
  if ! wait_until "tls_docker $n version" "$START_TIMEOUT"; then
    log "tls-dockerd-$n did not answer on port $port within ${START_TIMEOUT}s; last lines of $home/dockerd.log:"
    tail -n 30 "$home/dockerd.log" >&2 || true
    exit 1
  fi
  log "tls-dockerd-$n answers on tcp://127.0.0.1:$port"
}

load_image() {
  local n="$1" want
  want="$(docker image inspect -f '{{.Id}}' "$IMAGE")"
  if [[ "$(tls_docker "$n" image inspect -f '{{.Id}}' "$IMAGE" 2>/dev/null)" == "$want" ]]; then
    return
  fi
  log "loading $IMAGE into tls-dockerd-$n"
  docker save "$IMAGE" | tls_docker "$n" load >/dev/null
}

for n in $(seq 1 "$COUNT"); do
  if ((renewed)); then
    stop_engine "$n"
  fi
  if [[ -f "$DIR/host$n/port" ]] && ! same_args "$n"; then
    stop_engine "$n" # started with other arguments (an older version of this script)
  fi
  if [[ -f "$DIR/host$n/port" ]] && tls_docker "$n" version >/dev/null 2>&1; then
    log "tls-dockerd-$n already answers on port $(cat "$DIR/host$n/port")"
  else
    stop_engine "$n" # a half-dead one (not answering) would hold its data root
    start_engine "$n"
  fi
  load_image "$n"
done

source "$ENG_ROOT/eng/tls-host3.sh"
ensure_host3
load_image 3

{
  for n in $(seq 1 "$COUNT"); do
    echo "TLS_HOST_${n}_URI=tcp://127.0.0.1:$(cat "$DIR/host$n/port")"
    echo "TLS_HOST_${n}_PIDFILE=$DIR/host$n/dockerd.pid"
  done
  echo "TLS_HOST_3_URI=tcp://$HOST3_ADDRESS:$(cat "$DIR/host3/port")"
  echo "TLS_HOST_3_PIDFILE=$DIR/host3/dockerd.pid"
  echo "TLS_HOST_3_ADVERTISE=$HOST3_ADDRESS"
  echo "TLS_CLIENT_CERT_PATH=$CERTS/client"
  echo "TLS_WRONG_CA_CERT_PATH=$CERTS/wrong-ca"
} >"$ENV_FILE.tmp"
mv "$ENV_FILE.tmp" "$ENV_FILE"
log "TLS Docker hosts ready: $ENV_FILE"
