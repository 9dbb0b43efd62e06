#!/usr/bin/env bash
# Starts the object stores the sync tests and the benchmark use, on 127.0.0.1: s3rver (S3) and
# Azurite (Azure Blob), installed from npm into $ENG_STATE/node-tools if missing. Idempotent: a
# server that answers on its remembered port is left alone. Started ones are recorded in
# $ENG_STATE/NAME.started so eng/stop-services.sh stops them by pid.
#
# Writes $ENG_STATE/sinks.env (KEY=VALUE): S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY,
# AZURE_BLOB_CONNECTION_STRING, AZURE_TABLE_CONNECTION_STRING (Azurite's table endpoint, for cluster mode's
# Azure Table membership).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TOOLS="$ENG_STATE/node-tools"
DIR="$ENG_STATE/sinks"
ENV_FILE="$ENG_STATE/sinks.env"
START_TIMEOUT="${SINK_START_TIMEOUT:-30}"
# Azurite's well-known development account (public, documented by Microsoft).
AZURE_ACCOUNT=devstoreaccount1
AZURE_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

take_lock setup-sinks
mkdir -p "$DIR/s3" "$DIR/azurite"

command -v npm >/dev/null 2>&1 || apt_install nodejs npm
if [[ ! -x "$TOOLS/node_modules/.bin/s3rver" || ! -x "$TOOLS/node_modules/.bin/azurite" ]]; then
  log "npm install s3rver@3.7.1 azurite@3.35.0 into $TOOLS"
  npm install --no-audit --no-fund --loglevel=error --prefix "$TOOLS" s3rver@3.7.1 azurite@3.35.0 >/dev/null
fi

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
answers() { curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$1/"; }

pick_port() { # pick_port NAME PREFERRED: the remembered port if free, else the first free one from PREFERRED
  local file="$DIR/$1.port" port="$2"
  if [[ -f "$file" ]] && port_free "$(cat "$file")"; then cat "$file"; return; fi
  while ! port_free "$port"; do port=$((port + 1)); done
  echo "$port"
}

command -v curl >/dev/null 2>&1 || apt_install curl

if [[ -f "$DIR/s3rver.port" ]] && answers "$(cat "$DIR/s3rver.port")"; then
  log "s3rver already answers on port $(cat "$DIR/s3rver.port")"
else
  port="$(pick_port s3rver 4569)"
  echo "$port" >"$DIR/s3rver.port"
  # --openssl-legacy-provider: s3rver's continuation tokens use DES; without it paged listings answer 500.
  NODE_OPTIONS=--openssl-legacy-provider start_bg s3rver "$DIR/s3rver.pid" "$DIR/s3rver.log" \
    "$TOOLS/node_modules/.bin/s3rver" -s -d "$DIR/s3" -a 127.0.0.1 -p "$port"
  wait_until "answers $port" "$START_TIMEOUT" || { tail -n 20 "$DIR/s3rver.log" >&2; die "s3rver did not answer on port $port"; }
  log "s3rver answers on port $port"
fi

if [[ -f "$DIR/azurite.port" ]] && answers "$(cat "$DIR/azurite.port")"; then
  log "azurite already answers on port $(cat "$DIR/azurite.port")"
else
  blob="$(pick_port azurite 10000)"
  queue="$(pick_port azurite-queue $((blob + 1)))"
  table="$(pick_port azurite-table $((queue + 1)))"
  echo "$blob" >"$DIR/azurite.port"
  echo "$table" >"$DIR/azurite-table.port"
  start_bg azurite "$DIR/azurite.pid" "$DIR/azurite.log" \
    "$TOOLS/node_modules/.bin/azurite" --silent --disableTelemetry --skipApiVersionCheck --location "$DIR/azurite" \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" --tableHost 127.0.0.1 --tablePort "$table"
  wait_until "answers $blob" "$START_TIMEOUT" || { tail -n 20 "$DIR/azurite.log" >&2; die "azurite did not answer on port $blob"; }
  log "azurite answers on port $blob"
fi

{
  echo "S3_ENDPOINT=http://127.0.0.1:$(cat "$DIR/s3rver.port")"
  echo "S3_ACCESS_KEY_ID=S3RVER"
  echo "S3_SECRET_ACCESS_KEY=S3RVER"
  echo "AZURE_BLOB_CONNECTION_STRING=DefaultEndpointsProtocol=http;AccountName=$AZURE_ACCOUNT;AccountKey=$AZURE_KEY;BlobEndpoint=http://127.0.0.1:$(cat "$DIR/azurite.port")/$AZURE_ACCOUNT;"
  # Cluster mode's Azure Table membership (an Azurite started before the table port was remembered used blob + 2).
  table_port="$(cat "$DIR/azurite-table.port" 2>/dev/null || echo $(($(cat "$DIR/azurite.port") + 2)))"
  echo "AZURE_TABLE_CONNECTION_STRING=DefaultEndpointsProtocol=http;AccountName=$AZURE_ACCOUNT;AccountKey=$AZURE_KEY;TableEndpoint=http://127.0.0.1:$table_port/$AZURE_ACCOUNT;"
} >"$ENV_FILE.tmp"
mv "$ENV_FILE.tmp" "$ENV_FILE"
log "sinks ready: $ENV_FILE"
