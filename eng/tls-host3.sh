#!/usr/bin/env bash
# Engine 3 of eng/setup-tls-hosts.sh (sourced by it): a Docker engine in its own network namespace
# bh-tls3, as a remote Docker host would be. A veth pair joins it to this machine: 10.213.30.1 on
# this side (bh-tls3-h), 10.213.30.2 in the namespace, where the engine listens (mutual TLS) and
# publishes ports. Unlike engines 1 and 2 it runs with iptables on, so inter-container traffic off
# and eng/docker-host-guard.sh (installed in the namespace) are enforced as on a real host.
# For the isolation tests the namespace also holds 169.254.169.254 (a stand-in for a cloud metadata
# service), routed from this machine, so no test traffic ever leaves the machine.

HOST3_NETNS=bh-tls3
HOST3_HOST_SIDE=bh-tls3-h
HOST3_NS_SIDE=bh-tls3-n
HOST3_GATEWAY=10.213.30.1
HOST3_PORT="${TLS_HOST3_PORT:-23791}"
METADATA_ADDRESS=169.254.169.254

in_host3() { ip netns exec "$HOST3_NETNS" "$@"; }

ensure_host3_network() {
  ip netns list | grep -qw "^$HOST3_NETNS" || ip netns add "$HOST3_NETNS"
  touch "$ENG_STATE/tls-netns-3.created"
  if ! ip link show "$HOST3_HOST_SIDE" >/dev/null 2>&1; then
    ip link add "$HOST3_HOST_SIDE" type veth peer name "$HOST3_NS_SIDE"
    ip link set "$HOST3_NS_SIDE" netns "$HOST3_NETNS"
  fi
  ip -4 addr show dev "$HOST3_HOST_SIDE" | grep -qF " $HOST3_GATEWAY/24 " || ip addr add "$HOST3_GATEWAY/24" dev "$HOST3_HOST_SIDE"
  ip link set "$HOST3_HOST_SIDE" up
  in_host3 ip link set lo up
  in_host3 ip -4 addr show dev "$HOST3_NS_SIDE" | grep -qF " $HOST3_ADDRESS/24 " ||
    in_host3 ip addr add "$HOST3_ADDRESS/24" dev "$HOST3_NS_SIDE"
  in_host3 ip link set "$HOST3_NS_SIDE" up
  in_host3 ip route replace default via "$HOST3_GATEWAY"
  # The metadata stand-in: a local address of the namespace, reached from this machine by a route.
  in_host3 ip -4 addr show dev lo | grep -qF " $METADATA_ADDRESS/32 " || in_host3 ip addr add "$METADATA_ADDRESS/32" dev lo
  ip route replace "$METADATA_ADDRESS/32" via "$HOST3_ADDRESS"
}

ensure_host3_certificate() { # the engine's certificate names its address (and is renewed with the CA)
  if ((renewed)) || [[ ! -f "$CERTS/server3-cert.pem" ]] ||
    ! openssl x509 -checkend 86400 -noout -in "$CERTS/server3-cert.pem" >/dev/null; then
    issue server3 "/CN=boilerhouse-tls-dockerd-3" "subjectAltName = IP:$HOST3_ADDRESS\nextendedKeyUsage = serverAuth\nkeyUsage = critical,digitalSignature,keyEncipherment"
    chmod 0600 "$CERTS/server3-key.pem"
    host3_cert_renewed=1
  fi
}

host3_args() { # sets ENGINE_ARGS for engine 3 (a change restarts a running engine)
  local home="$DIR/host3"
  ENGINE_ARGS=(--data-root "$home/data" --exec-root "$EXEC_BASE/host3" --pidfile "$home/dockerd.pid"
    -H "tcp://$HOST3_ADDRESS:$(cat "$home/port")" --tlsverify --tlscacert "$CERTS/ca.pem"
    --tlscert "$CERTS/server3-cert.pem" --tlskey "$CERTS/server3-key.pem"
    --bip 10.213.31.1/24
    --containerd-namespace boilerhouse-tls-3 --containerd-plugins-namespace boilerhouse-tls-3-plugins)
}

start_host3() {
  local home="$DIR/host3" pid
  mkdir -p "$home" "$EXEC_BASE"
  echo "$HOST3_PORT" >"$home/port"
  rm -f "$home/dockerd.pid"
  host3_args
  printf '%q ' "${ENGINE_ARGS[@]}" >"$home/args"
  # nsenter runs dockerd in place (same pid). Not `ip netns exec`: it remounts /sys, which hides the
  # cgroup mounts dockerd needs ("Devices cgroup isn't mounted").
  start_bg tls-dockerd-3 "$home/start.pid" "$home/dockerd.log" nsenter "--net=/var/run/netns/$HOST3_NETNS" dockerd "${ENGINE_ARGS[@]}"
  pid="$(cat "$home/start.pid")"
  # stop-services.sh checks the command line of the pid it stops: it is dockerd's.
  printf '%s\n%s\n%s\n' "$pid" dockerd "$home/dockerd.log" >"$ENG_STATE/tls-dockerd-3.started"
  if ! wait_until "tls_docker 3 version" "$START_TIMEOUT"; then
    log "tls-dockerd-3 did not answer on $HOST3_ADDRESS:$HOST3_PORT within ${START_TIMEOUT}s; last lines of $home/dockerd.log:"
    tail -n 30 "$home/dockerd.log" >&2 || true
    exit 1
  fi
  log "tls-dockerd-3 answers on tcp://$HOST3_ADDRESS:$HOST3_PORT (namespace $HOST3_NETNS)"
}

ensure_host3() {
  local home="$DIR/host3" same=0
  host3_cert_renewed=0
  command -v iptables >/dev/null 2>&1 || apt_install iptables
  ensure_host3_network
  ensure_host3_certificate
  if [[ -f "$home/port" && -f "$home/args" ]]; then
    host3_args
    [[ "$(cat "$home/args")" == "$(printf '%q ' "${ENGINE_ARGS[@]}")" ]] && same=1
  fi
  if ((host3_cert_renewed)) || ((same == 0)); then
    stop_engine 3
  fi
  if [[ -f "$home/port" ]] && tls_docker 3 version >/dev/null 2>&1; then
    log "tls-dockerd-3 already answers on $HOST3_ADDRESS:$(cat "$home/port")"
  else
    stop_engine 3
    start_host3
  fi
  in_host3 bash "$ENG_ROOT/eng/docker-host-guard.sh"
}
