#!/usr/bin/env bash
# Local run on the machine's own Postgres and RabbitMQ: `migrate`, `key` or `run`.
# Writes .env (a fresh service token) on first use; state and logs go to .run/.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
mkdir -p .run

if [ ! -f .env ]; then
  cat > .env <<ENV
RESUMEAI_SERVICE_TOKEN=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
RESUMEAI_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/resumeai
RESUMEAI_AMQP_URL=amqp://guest:guest@127.0.0.1:5672/resumeai
RESUMEAI_STORAGE_TARGET=127.0.0.1:50052
RESUMEAI_STORAGE_PORT=50052
RESUMEAI_GATEWAY_PORT=50051
ENV
  echo "wrote .env (service token generated)"
fi
if ! grep -q '^RESUMEAI_MASTER_KEYS=' .env; then
  # Encryption at rest: one master key, made once (keep .env: without it nothing opens).
  echo "RESUMEAI_MASTER_KEYS='{\"k1\":\"$(head -c 32 /dev/urandom | base64)\"}'" >> .env
  echo "added a master key to .env (encryption at rest)"
fi
set -a; source .env; set +a

ensure_infra() {
  bash scripts/ensure_services.sh
  local db="${RESUMEAI_DATABASE_URL##*/}"
  if ! psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname='$db'" | grep -q 1; then
    psql -h 127.0.0.1 -U postgres -qc "create database \"$db\""
  fi
  local vhost="${RESUMEAI_AMQP_URL##*/}"
  if [ -n "$vhost" ] && ! rabbitmqctl -q list_vhosts | grep -qx "$vhost"; then
    rabbitmqctl -q add_vhost "$vhost"
    rabbitmqctl -q set_permissions -p "$vhost" guest '.*' '.*' '.*'
  fi
}

migrate() { ensure_infra; $PY -m storage_service.cli migrate; }

key() {
  local key
  key=$($PY -m storage_service.cli create-key --owner "${1:-dev}")
  echo "$key" > .run/dev-api-key
  chmod 600 .run/dev-api-key
  echo "$key"
}

wait_healthy() {
  for _ in $(seq 1 60); do
    $PY -m kit.healthcheck "$@" && return 0
    sleep 0.5
  done
  echo "service at $1 did not become healthy; see .run/*.log" >&2
  return 1
}

run() {
  migrate
  [ -s .run/dev-api-key ] || key dev >/dev/null
  pids=()
  trap 'echo; echo stopping...; kill -TERM "${pids[@]}" 2>/dev/null; wait; exit 0' INT TERM
  # TLS on the gateway and mutual TLS to storage, from a local CA made once (kit/tls.py).
  [ -s .run/pki/ca.pem ] || $PY -m kit.tls make-pki .run/pki
  export RESUMEAI_INTERNAL_CA_FILE=.run/pki/ca.pem
  # exec: the backgrounded subshell becomes the service, so its pid is the one stopped.
  as() { RESUMEAI_INTERNAL_CERT_FILE=.run/pki/$1.pem RESUMEAI_INTERNAL_KEY_FILE=.run/pki/$1.key exec "${@:2}"; }
  # Each process serves Prometheus metrics on a port of its own (kit/metrics.py).
  RESUMEAI_METRICS_PORT=9101 as storage $PY -m storage_service > .run/storage.log 2>&1 & pids+=($!)
  wait_healthy "127.0.0.1:$RESUMEAI_STORAGE_PORT" --ca .run/pki/ca.pem \
    --cert .run/pki/gateway.pem --key .run/pki/gateway.key
  RESUMEAI_GATEWAY_TLS_CERT_FILE=.run/pki/gateway.pem RESUMEAI_GATEWAY_TLS_KEY_FILE=.run/pki/gateway.key \
    RESUMEAI_METRICS_PORT=9100 as gateway $PY -m gateway > .run/gateway.log 2>&1 & pids+=($!)
  RESUMEAI_METRICS_PORT=9102 as tailor_worker $PY -m tailor_worker > .run/tailor_worker.log 2>&1 & pids+=($!)
  RESUMEAI_METRICS_PORT=9103 as export_worker $PY -m export_worker > .run/export_worker.log 2>&1 & pids+=($!)
  wait_healthy "127.0.0.1:$RESUMEAI_GATEWAY_PORT" --ca .run/pki/ca.pem
  cat <<MSG

Resume Builder AI is running (logs in .run/*.log, Ctrl-C stops everything).
  gateway  127.0.0.1:$RESUMEAI_GATEWAY_PORT   storage 127.0.0.1:$RESUMEAI_STORAGE_PORT (internal)
  API key  $(cat .run/dev-api-key)   (also in .run/dev-api-key)
  metrics  http://127.0.0.1:9100/metrics (gateway), :9101 storage, :9102 tailor worker, :9103 export worker

Try it (grpcurl ships in .venv/bin):
  .venv/bin/grpcurl -cacert .run/pki/ca.pem 127.0.0.1:$RESUMEAI_GATEWAY_PORT list
  bash examples/walkthrough.sh        # tailor examples/ and download the PDF and DOCX
MSG
  wait
}

case "${1:-}" in
  migrate) migrate ;;
  key) ensure_infra; key "${2:-dev}" ;;
  run) run ;;
  *) echo "usage: $0 migrate|key|run" >&2; exit 2 ;;
esac
