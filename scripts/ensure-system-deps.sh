#!/usr/bin/env bash
# Makes sure the Debian packages the tests need are present: installs the missing ones when run as root on Debian,
# otherwise prints the one apt-get line to run. Cheap when everything is already there.
set -euo pipefail

# package → a file that proves it is installed
declare -A probe=(
  [libsecret-1-dev]=/usr/include/libsecret-1/libsecret/secret.h
  [pkg-config]=/usr/bin/pkg-config
  [gnome-keyring]=/usr/bin/gnome-keyring-daemon
  [dbus]=/usr/bin/dbus-daemon
  [dbus-x11]=/usr/bin/dbus-launch
  [xvfb]=/usr/bin/Xvfb
  [xauth]=/usr/bin/xauth
  [chromium]=/usr/bin/chromium
  [p7zip-full]=/usr/bin/7z
  [tmux]=/usr/bin/tmux
)

# Debian packages only: macOS and Windows (CI) bring their own keychain, display and browser.
[ "$(uname -s)" = Linux ] || exit 0
# A browser given through CHROMIUM_PATH (CI uses the runner's Google Chrome) replaces Debian's Chromium.
[ -n "${CHROMIUM_PATH:-}" ] && unset 'probe[chromium]'

missing=()
for pkg in "${!probe[@]}"; do
  [ -e "${probe[$pkg]}" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages the tests need: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "The tests need these system packages: ${missing[*]}"
  echo "Install them with: sudo apt-get install -y ${missing[*]}"
  exit 1
fi
