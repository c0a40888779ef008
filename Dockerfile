# One image for every service; docker-compose.yml and deploy/k8s pick the entry point per container.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY . .
# The pinned runtime package (node-linux-*, for machines whose own Node is older) is dropped: the image's
# Node 24 runs everything here.
RUN npm ci && npx turbo run build && npm prune --omit=dev && rm -rf node_modules/node-linux-* node_modules/.bin/node

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# No secret is baked into the image: INTERNAL_SECRET and FILES_SIGNING_SECRET (32 bytes or more) are
# passed at run time (docker-compose.yml requires them), and every service refuses to boot without them.
# Stops glibc returning and re-faulting socket buffers on every relayed chunk (see MALLOC_TUNABLES in
# packages/launcher/src/platform.ts).
ENV GLIBC_TUNABLES=glibc.malloc.trim_threshold=33554432:glibc.malloc.mmap_threshold=4194304
COPY --from=build /app /app
# The files service's volume mounts here; a named volume takes the directory's owner from the image.
RUN mkdir -p /data/files && chown node:node /data/files
USER node
