#!/usr/bin/env bash
# Keeps pool containers away from the Docker host itself and from link-local addresses: installs the
# iptables chain BOILERHOUSE-GUARD, jumped to from INPUT and DOCKER-USER for traffic that enters from a
# pool network's bridge (interfaces bhp-*, see PoolNetworkNames in Boilerhouse.Docker).
#   - 169.254.0.0/16 is refused: on a cloud VM the metadata service there hands out the host's
#     credentials (e.g. the ones the S3 sink's default chain would use).
#   - every address of the host is refused (INPUT), published ports included: a pool container
#     reaches other tenants only through Boilerhouse, never through the host.
#   - replies to connections the host opened (health checks, the router) still pass.
# Run it on every Docker host Boilerhouse uses, after its engine started (DOCKER-USER is the
# engine's). Idempotent: the chain is rebuilt and each jump added once. IPv4 only: pool networks
# have no IPv6.
set -euo pipefail

CHAIN=BOILERHOUSE-GUARD
BRIDGES='bhp-+'

command -v iptables >/dev/null 2>&1 || { echo "iptables missing: apt-get install iptables" >&2; exit 1; }
iptables -w -n -L DOCKER-USER >/dev/null 2>&1 ||
  { echo "no DOCKER-USER chain: start the Docker engine (with iptables on) first" >&2; exit 1; }

RULES=(
  "-m conntrack --ctstate RELATED,ESTABLISHED -j RETURN"
  "-d 169.254.0.0/16 -j REJECT --reject-with icmp-admin-prohibited"
  "-m addrtype --dst-type LOCAL -j REJECT --reject-with icmp-admin-prohibited"
  "-j RETURN"
)
expected="$(printf -- "-N $CHAIN\n"; for rule in "${RULES[@]}"; do printf -- "-A $CHAIN %s\n" "$rule"; done)"
if [[ "$(iptables -w -S "$CHAIN" 2>/dev/null)" != "$expected" ]]; then
  iptables -w -N "$CHAIN" 2>/dev/null || iptables -w -F "$CHAIN"
  for rule in "${RULES[@]}"; do
    # shellcheck disable=SC2086 # each rule is a list of words
    iptables -w -A "$CHAIN" $rule
  done
fi

for from in INPUT DOCKER-USER; do
  iptables -w -C "$from" -i "$BRIDGES" -j "$CHAIN" 2>/dev/null || iptables -w -I "$from" 1 -i "$BRIDGES" -j "$CHAIN"
done
echo "[$(date +%H:%M:%S)] $CHAIN installed (INPUT, DOCKER-USER; interfaces $BRIDGES)" >&2
