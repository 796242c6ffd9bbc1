#!/usr/bin/env bash
# `npm test`: everything, in order of speed. Installs Debian's Chromium when missing
# (never a downloaded browser build).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
	echo "Installing Debian's Chromium for the browser tests…"
	if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

echo "== type check"
npx svelte-kit sync
npx svelte-check --tsconfig ./tsconfig.json --threshold error

echo "== unit tests (vitest)"
npx vitest run

echo "== production build"
npm run build --silent

echo "== browser tests (Playwright, Debian Chromium: webgpu and wasm-only)"
npx playwright test
