#!/usr/bin/env bash
# Makes sure the local Postgres and RabbitMQ are up (they are on this project's machines;
# this starts them if something stopped them) and waits until they answer.
set -euo pipefail
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  fi
fi
for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
pg_isready -h 127.0.0.1 -p 5432 >/dev/null || { echo "Postgres is not reachable on 127.0.0.1:5432" >&2; exit 1; }
if ! rabbitmqctl -q status >/dev/null 2>&1; then
  rabbitmq-server -detached || true
fi
for _ in $(seq 1 90); do rabbitmqctl -q await_startup >/dev/null 2>&1 && break; sleep 1; done
rabbitmqctl -q await_startup >/dev/null 2>&1 || { echo "RabbitMQ is not running" >&2; exit 1; }
