# The API and the job worker: one image, two commands (docker-compose.yml).
# Build from the repository root: docker build -f deploy/api.Dockerfile .
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

# Production dependencies only, from the lockfile. The manifests come alone
# first, so this layer is rebuilt only when they change.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY api/package.json api/
COPY client/package.json client/
COPY migrations/package.json migrations/
COPY schema/package.json schema/
COPY sync-server/package.json sync-server/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    CHORUS_DATA_DIR=/data \
    PORT=3000
WORKDIR /app
COPY --from=deps /app ./
# Node 24 runs the TypeScript sources as they are: no build step.
COPY api/ api/
COPY migrations/ migrations/
COPY schema/ schema/
COPY sync-server/ sync-server/
# The data dir holds nothing a deployment needs (secrets come from the
# environment) but must be the process's own; the code stays root's.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
# The worker runs the same image with: node api/src/worker.ts
CMD ["node", "--max-semi-space-size=8", "api/src/main.ts"]
