#!/usr/bin/env bash
# Load test: GET /api/apps with 1 000 apps, wrk against 127.0.0.1 only, for a bounded time.
# Usage: bench/load/apps-load.sh [duration=10s] [connections=32] [threads=2]
# Prints wrk's summary (requests/s, latency percentiles incl. p99). Run from the repository root.
set -euo pipefail
DURATION=${1:-10s}
CONNECTIONS=${2:-32}
THREADS=${3:-2}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

if ! command -v wrk >/dev/null; then
  echo "wrk not found; installing it with apt-get" >&2
  apt-get install -y -qq wrk >/dev/null
fi

WORK=$(mktemp -d /tmp/ioactors-load.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
mkdir -p "$WORK/apps"
cp "$ROOT/hocon/reference.conf" "$WORK/"
for i in $(seq -w 1 1000); do
  printf '{"name":"app-%s","title":"App %s","type":"window","details":{"url":"file:///dev/null"}}\n' "$i" "$i" > "$WORK/apps/app-$i.json"
done
cat > "$WORK/load.conf" <<CONF
include required("reference.conf")
appStores = [ { type = path, details { path = "apps" } } ]
ioactors { dataFolder = "data", api.port = $PORT, api.token = "load-test-token", logging.level = Warning, logging.file = null }
CONF

dotnet build -c Release "$ROOT/src/IoActors.Host/IoActors.Host.csproj" -v q -nologo >/dev/null
dotnet "$ROOT/src/IoActors.Host/bin/Release/net10.0/ioactors.dll" run --config "$WORK/load.conf" >"$WORK/host.log" 2>&1 &
HOST=$!
# SIGTERM: a background job of a non-interactive shell starts with SIGINT ignored, so SIGINT would not reach it.
trap 'kill -TERM $HOST 2>/dev/null; wait $HOST 2>/dev/null; rm -rf "$WORK"' EXIT

for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null; then break; fi
  sleep 0.5
done
COUNT=$(curl -sf -H "Authorization: Bearer load-test-token" "http://127.0.0.1:$PORT/api/apps" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
echo "host on 127.0.0.1:$PORT serving $COUNT apps; wrk -t$THREADS -c$CONNECTIONS -d$DURATION"

cat > "$WORK/auth.lua" <<'LUA'
wrk.headers["Authorization"] = "Bearer load-test-token"
LUA
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/auth.lua" "http://127.0.0.1:$PORT/api/apps"
