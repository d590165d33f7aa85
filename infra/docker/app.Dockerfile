# One image per app: docker build --build-arg APP=ingest -f infra/docker/app.Dockerfile .
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ARG APP
ENV NODE_ENV=production APP=${APP}
WORKDIR /app
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY --from=build /src/infra/clickhouse ./infra/clickhouse
COPY --from=build /src/package.json ./
USER node
CMD ["sh", "-c", "exec node dist/apps/${APP}/src/main.js"]
