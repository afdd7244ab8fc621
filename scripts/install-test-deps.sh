#!/usr/bin/env bash
# Installs the real servers the integration tests start themselves (Debian packages only):
# Mosquitto for the external-broker tests, iproute2 (ip netns, tc) for the network faults,
# Chromium and its driver for the browser tests of the kiosk screen and the hub dashboard, and a
# CJK font so Chinese text renders in screenshots and in the certificate PDF.
# Safe to run again; needs root (or sudo).
set -euo pipefail
packages=(mosquitto mosquitto-clients iproute2 chromium chromium-driver fonts-wqy-zenhei)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  echo "== installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# The Debian package enables a system-wide mosquitto on port 1883; tests start their own on a
# free loopback port, so the system one is not needed and is left as the package set it up.
command -v mosquitto >/dev/null || ls /usr/sbin/mosquitto >/dev/null
echo "== test dependencies present: ${packages[*]}"
