#!/usr/bin/env bash
# The whole test suite, as CI runs it: typecheck, lint, build, vitest (inside a private Secret Service), Playwright.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step system packages
bash scripts/ensure-system-deps.sh

step typecheck
# Everything together, then the window (DOM, no Node types) and the Node side (no DOM) each on its own.
npm run --silent typecheck
step lint
npx eslint .
step build
npx electron-vite build

mkdir -p test-results
rm -f test-results/vitest.json test-results/playwright.json

step vitest
# keytar needs a Secret Service: start a throwaway gnome-keyring on a private D-Bus, unlocked with a dummy password.
keyring_home=$(mktemp -d)
mkdir -p "$keyring_home/data" "$keyring_home/run"
chmod 700 "$keyring_home/run"
vitest_status=0
if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run" dbus-run-session -- sh -c \
    'echo -n ci | gnome-keyring-daemon --unlock --components=secrets >/dev/null && npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json' \
    || vitest_status=$?
else
  echo "NOTE: dbus-run-session or gnome-keyring-daemon missing: keychain tests will say they skipped (apt: dbus gnome-keyring)."
  npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || vitest_status=$?
fi
rm -rf "$keyring_home"

step playwright
playwright_status=0
npx playwright test || playwright_status=$?

step summary
node scripts/summarize-tests.js test-results/vitest.json test-results/playwright.json
[ "$vitest_status" -eq 0 ] && [ "$playwright_status" -eq 0 ]
