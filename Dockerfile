# syntax=docker/dockerfile:1
# The Molam server: one image for every role, chosen by argument.
#   docker build -t molam/server:0.1.0 .
#   docker run --rm -e DATABASE_URL=… molam/server:0.1.0 migrate        # the one-shot migration step
#   docker run -e DATABASE_URL=… -p 8080:8080 molam/server:0.1.0 --role api   (or worker, or all)
# Runs as UID 1001 on a read-only root filesystem with every capability dropped (see deploy/compose.yaml and
# deploy/k8s/); only the server's production dependencies and the dashboard's built assets are inside.

FROM node:20-bookworm-slim AS build
WORKDIR /src
RUN npm install --global pnpm@10.34.9
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc tsconfig.base.json ./
COPY examples/package.json ./examples/
COPY openapi ./openapi
COPY scripts ./scripts
# pnpm applies these patches of dependencies while installing (see pnpm-workspace.yaml).
COPY patches ./patches
COPY packages ./packages
RUN pnpm install --frozen-lockfile
RUN pnpm build
# The server package with its production dependencies only, and the dashboard where the server looks for it.
RUN pnpm --filter @molam/server deploy --prod --legacy /app \
 && cp -r packages/dashboard/dist /app/dashboard

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    MOLAM_MODE=production \
    MOLAM_AUTO_MIGRATE=false \
    HOST=0.0.0.0 \
    PORT=8080 \
    LOG_FORMAT=json
WORKDIR /app
# Owned by root, run by 1001: the process cannot change its own code.
COPY --from=build /app /app
USER 1001:1001
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/livez').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "--max-semi-space-size=32", "/app/bin/molam-server.js"]
CMD ["--role", "all"]
