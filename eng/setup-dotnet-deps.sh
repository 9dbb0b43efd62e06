#!/usr/bin/env bash
# Restores NuGet packages once up front so that a slow or flaky feed fails early and clearly.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source eng/lib.sh
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH"
for attempt in 1 2 3; do
  if dotnet restore Boilerhouse.Functions.sln >/dev/null; then
    exit 0
  fi
  log "dotnet restore failed (attempt $attempt); retrying"
  sleep 5
done
die "dotnet restore failed three times"
