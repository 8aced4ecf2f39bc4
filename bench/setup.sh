#!/usr/bin/env bash
# Installs the peers the benchmark compares against, from the npm registry, into bench/.peers.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p .peers
cp package.json .peers/package.json
[ -f package-lock.json ] && cp package-lock.json .peers/package-lock.json
cd .peers
REDOCLY_TELEMETRY=off npm ci --no-fund --no-audit --silent 2>/dev/null || REDOCLY_TELEMETRY=off npm install --no-fund --no-audit --silent
