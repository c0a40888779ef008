#!/usr/bin/env bash
# Opt-in, not in CI (the development machines and CI run no container engine):
#   npm run test:containers -w @trae/deploy
# Builds the image, brings docker-compose.yml up under a throwaway project with fresh secrets, waits
# for the platform to answer healthy through HAProxy (the only published port), checks that every
# service runs twice, then takes everything down again, volumes included.
# Needs an engine with compose (`docker compose`; or COMPOSE="podman-compose" / "podman compose") and
# its base images (node:24-bookworm-slim, postgres:16, redis:7, haproxy:2.8) within reach.
set -euo pipefail
cd "$(dirname "$0")/../.."

read -r -a compose <<<"${COMPOSE:-docker compose}"
if ! "${compose[@]}" version >/dev/null 2>&1; then
  echo "test:containers: '${compose[*]}' does not run; install an engine with compose or set COMPOSE" >&2
  exit 2
fi

project="trae-containers-$$"
port="${TRAE_PORT:-14000}"
env_file="$(mktemp)"
cat >"$env_file" <<ENV
POSTGRES_PASSWORD=$(openssl rand -hex 32)
INTERNAL_SECRET=$(openssl rand -base64 48 | tr -d '\n')
FILES_SIGNING_SECRET=$(openssl rand -base64 48 | tr -d '\n')
TRAE_PORT=${port}
PUBLIC_URL=http://localhost:${port}
ENV
run() { "${compose[@]}" -p "$project" --env-file "$env_file" "$@"; }
cleanup() {
  run logs --no-color >"${TMPDIR:-/tmp}/${project}.log" 2>&1 || true
  run down -v --remove-orphans >/dev/null 2>&1 || true
  rm -f "$env_file"
}
trap cleanup EXIT

run up -d --build

echo "waiting for http://127.0.0.1:${port}/health to say healthy"
for _ in $(seq 1 150); do
  if curl -fsS "http://127.0.0.1:${port}/health" 2>/dev/null | grep -q '"status":"healthy"'; then break; fi
  sleep 2
done
curl -fsS "http://127.0.0.1:${port}/health" | grep -q '"status":"healthy"' || {
  echo "test:containers: not healthy after 5 minutes; logs in ${TMPDIR:-/tmp}/${project}.log" >&2
  exit 1
}

for service in gateway identity channels tasks tasks-worker files observability webhooks; do
  running=$(run ps -q "$service" | wc -l)
  [ "$running" -eq 2 ] || { echo "test:containers: $service runs $running times, not 2" >&2; exit 1; }
done
echo "test:containers: ok (healthy through HAProxy, 2 of every service)"
