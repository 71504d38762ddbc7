# One image for the API and every worker pool; the command decides which piece runs.
FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends bubblewrap bash ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NODE_ENV=production ANANTA_DATA_DIR=/data
VOLUME /data
EXPOSE 8080
CMD ["node_modules/.bin/tsx", "api/main.ts"]
