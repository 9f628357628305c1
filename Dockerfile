# The Stepflow image of docker-compose.yml: the server (`stepflow start`) and the example workers.
FROM node:20-bookworm-slim

WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1

COPY . .
RUN npm ci && npm run build

# Inside a container the loopback default would make the server unreachable.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080
EXPOSE 8080
CMD ["npx", "--no-install", "stepflow", "start"]
