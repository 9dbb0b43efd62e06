#!/usr/bin/env bash
# Makes the TLS material for Docker engines that Boilerhouse reaches over mutual TLS:
#   make-certs.sh OUT_DIR HOST[,ADDRESS...] [HOST[,ADDRESS...] ...]
# OUT_DIR/ca.pem, ca-key.pem          the CA (keep ca-key.pem offline once done)
# OUT_DIR/servers/HOST/{ca,cert,key}.pem   for each engine: serverAuth only, names/addresses as given
# OUT_DIR/clients/boilerhouse/{ca,cert,key}.pem   Boilerhouse's client certificate (clientAuth only):
#                                     the folder a hosts.yaml entry's tls.cert_path names
# Each server folder's engine settings are written beside it (daemon.json) so that the engine turns TLS on.
# Idempotent: a certificate still valid for 30 days is kept. Validity: DAYS (default 365).
set -euo pipefail

[[ $# -ge 2 ]] || { echo "usage: $0 OUT_DIR HOST[,ADDRESS...] [...]" >&2; exit 2; }
out="$1"; shift
days="${DAYS:-365}"
umask 077
mkdir -p "$out/servers" "$out/clients/boilerhouse"

valid() { [[ -f "$1" ]] && openssl x509 -checkend $((30 * 86400)) -noout -in "$1" >/dev/null 2>&1; }

if ! valid "$out/ca.pem"; then
  openssl req -x509 -newkey rsa:3072 -nodes -sha256 -days "$days" -subj "/CN=Boilerhouse Docker CA" \
    -keyout "$out/ca-key.pem" -out "$out/ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  rm -rf "$out/servers"/* "$out/clients/boilerhouse"/*  # a new CA invalidates everything it signed
fi

# sign DIR SUBJECT EXTENSIONS: DIR/cert.pem + DIR/key.pem + DIR/ca.pem
sign() {
  local dir="$1" subject="$2" extensions="$3"
  mkdir -p "$dir"
  valid "$dir/cert.pem" && openssl verify -CAfile "$out/ca.pem" "$dir/cert.pem" >/dev/null 2>&1 && return 0
  openssl req -new -newkey rsa:2048 -nodes -sha256 -subj "$subject" -keyout "$dir/key.pem" -out "$dir/req.csr" 2>/dev/null
  printf '%b\n' "$extensions" >"$dir/ext.cnf"
  openssl x509 -req -in "$dir/req.csr" -CA "$out/ca.pem" -CAkey "$out/ca-key.pem" -CAcreateserial \
    -days "$days" -sha256 -extfile "$dir/ext.cnf" -out "$dir/cert.pem" 2>/dev/null
  rm -f "$dir/req.csr" "$dir/ext.cnf"
  cp "$out/ca.pem" "$dir/ca.pem"
}

for spec in "$@"; do
  IFS=, read -r -a names <<<"$spec"
  host="${names[0]}"
  [[ "$host" =~ ^[A-Za-z0-9][A-Za-z0-9.-]*$ ]] || { echo "not a host name: $host" >&2; exit 2; }
  san=""
  for name in "${names[@]}"; do
    if [[ "$name" =~ ^[0-9.]+$ || "$name" == *:* ]]; then san+="IP:$name,"; else san+="DNS:$name,"; fi
  done
  sign "$out/servers/$host" "/CN=$host" \
    "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=${san%,}"
  cat >"$out/servers/$host/daemon.json" <<JSON
{
  "tls": true,
  "tlsverify": true,
  "tlscacert": "/etc/docker/tls/ca.pem",
  "tlscert": "/etc/docker/tls/cert.pem",
  "tlskey": "/etc/docker/tls/key.pem",
  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"]
}
JSON
done

sign "$out/clients/boilerhouse" "/CN=boilerhouse" \
  "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth"
echo "CA: $out/ca.pem; engines: $out/servers/*; Boilerhouse's client folder: $out/clients/boilerhouse"
