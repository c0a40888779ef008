#!/bin/sh
# The audit starts this once per suite ($1: the suite id) from its gateways/our-gateway folder.
set -e
for i in $(seq 1 40); do
  curl -fsS "http://localhost:4200/$1/supergraph" -o supergraph.graphql && break
  sleep 0.25
done
# A clean environment, so no stray <NAME>_URL moves a subgraph off the audit's server. The audit
# waits on /ready (Redis only); /health would also probe Postgres and the platform's services.
# The audit sends arbitrary operations, as an API client may: trusted documents are off.
# AUDIT_ENV_FILE: more KEY=value settings for the gateway, one a line (exported by federation-audit.sh).
exec env -i PATH="$PATH" HOME="$HOME" NODE_ENV=production \
  SUPERGRAPH_PATH="$PWD/supergraph.graphql" PORT=4000 HOST=127.0.0.1 \
  REDIS_URL=redis://127.0.0.1:6379 REDIS_PREFIX=audit: \
  DATABASE_URL=postgres://postgres@127.0.0.1:1/postgres \
  RATE_LIMIT_PER_MINUTE=100000000 LOG_LEVEL=warn TRUSTED_DOCUMENTS=off \
  INTERNAL_SECRET=audit-internal-secret-0123456789abcdef-0123456789 \
  FILES_SIGNING_SECRET=audit-files-secret-0123456789abcdef-0123456789 \
  $(cat "${AUDIT_ENV_FILE:-/dev/null}") \
  node "${GATEWAY_UNDER_AUDIT:?set by federation-audit.sh}"
