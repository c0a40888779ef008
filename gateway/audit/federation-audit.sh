#!/bin/sh
# `npm run audit:federation`: The Guild's federation-gateway-audit (vendored beside this file from
# github.com/graphql-hive/federation-gateway-audit at f59c05e, MIT; other vendors' gateways and release
# tooling removed) against our built gateway. Fails when a test that passed before stops passing, i.e.
# when a failure is not listed in known-failures.txt; prints when a listed failure starts passing.
# Runs as root in a private network namespace: the audit kills whatever holds :4000 and serves its
# subgraphs on :4200, and the gateway gets its own Redis there. Needs make, jq, curl, redis-server and
# iproute2, and the npm registry on the first run (the audit's own dependencies go to AUDIT_DIR).
#   GATEWAY_ENTRY  the gateway's built entry point (default: gateway/dist/index.js)
#   AUDIT_DIR      where the audit is copied and installed (default /tmp/trae-federation-audit)
#   AUDIT_ENV_FILE more KEY=value settings for the gateway, one a line
#   TEST_SUITE     run one suite only (e.g. requires-with-argument), for working on a failure
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ENTRY=$(realpath "${GATEWAY_ENTRY:-$ROOT/gateway/dist/index.js}")
WORK=${AUDIT_DIR:-/tmp/trae-federation-audit}
KNOWN=$HERE/known-failures.txt
# The gateway runs on the project's pinned Node.js (node_modules/.bin/node), as under npm.
PATH=$ROOT/node_modules/.bin:$PATH
NS=fga-$$
[ -f "$ENTRY" ] || { echo "no $ENTRY: build the gateway first (npx turbo run build --filter=@trae/gateway)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "the audit needs root for its private network namespace (ip netns)" >&2; exit 1; }
for tool in make jq curl redis-server ip; do
  command -v "$tool" >/dev/null || { echo "the audit needs $tool on the PATH" >&2; exit 1; }
done

# A fresh copy whenever the vendored audit changed; dependencies exactly as its lockfile says.
STAMP=$(cd "$HERE/federation-gateway-audit" && find . -type f -not -path './node_modules/*' | sort | xargs cat | sha256sum | cut -c1-16)
if [ "$(cat "$WORK/.stamp" 2>/dev/null)" != "$STAMP" ]; then
  rm -rf "$WORK" && cp -r "$HERE/federation-gateway-audit" "$WORK"
  (cd "$WORK" && npm ci --no-audit --no-fund --loglevel=error) && echo "$STAMP" >"$WORK/.stamp"
fi
rm -rf "$WORK/gateways" && mkdir -p "$WORK/gateways/our-gateway"
cp "$HERE/gateway.json" "$HERE/run.sh" "$WORK/gateways/our-gateway/"

REDIS_PID=
ip netns add "$NS"
trap 'kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; ip netns delete "$NS"' EXIT
ip netns exec "$NS" ip link set lo up
ip netns exec "$NS" redis-server --port 6379 --bind 127.0.0.1 --save '' --appendonly no >/dev/null &
REDIS_PID=$!
# The audit waits 5 s for a gateway by default: too little on two shared cores. Node 20 lacks
# Promise.withResolvers, which the audit uses.
export AUDIT_ENV_FILE="${AUDIT_ENV_FILE:-/dev/null}" GATEWAY_TIMEOUT=30000 GATEWAY_UNDER_AUDIT="$ENTRY" \
  NODE_OPTIONS="--require=$HERE/promise-with-resolvers.cjs"
cd "$WORK"
if [ -n "${TEST_SUITE:-}" ]; then
  exec ip netns exec "$NS" make test-suite-our-gateway TEST_SUITE="$TEST_SUITE"
fi
# The audit's port clean-up runs `kill` with no process to kill before each suite; its usage text is noise.
ip netns exec "$NS" make test-our-gateway 2>&1 |
  grep -vE '^(xargs - ?)?( kill \[options\]| <pid>| -|Usage:|Options:|For more details|  +specify the|$)' || true
RESULTS=$WORK/gateways/our-gateway/results.txt
node "$HERE/compare.mjs" "$RESULTS" "$KNOWN"
