# The built client as static files (what a CDN serves in production).
# Build from the repository root: docker build -f deploy/client.Dockerfile .
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY api/package.json api/
COPY client/package.json client/
COPY migrations/package.json migrations/
COPY schema/package.json schema/
COPY sync-server/package.json sync-server/
RUN npm ci --no-audit --no-fund
COPY client/ client/
COPY schema/ schema/
RUN npm run build -w @chorus/client

# nginx as an unprivileged user (uid 101), on port 8080.
FROM nginxinc/nginx-unprivileged:1.28-alpine
COPY deploy/client-nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/client/dist /usr/share/nginx/html
USER 101
EXPOSE 8080
