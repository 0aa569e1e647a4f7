#!/usr/bin/env bash
# Makes sure a Redis server answers on 127.0.0.1:6379 (the tests check the shared cache against it).
# Starts one when none runs (in memory only, nothing written to disk); installs Debian's redis-server if missing.
set -euo pipefail
port="${REDIS_PORT:-6379}"
if command -v redis-cli >/dev/null 2>&1 && redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1; then
  exit 0
fi
if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "Redis ontbreekt. Installeer het met: sudo apt-get install redis-server" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi
redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save '' --appendonly no
for _ in $(seq 1 30); do
  redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 && exit 0
  sleep 0.2
done
echo "Redis start niet op 127.0.0.1:$port." >&2
exit 1
