#!/usr/bin/env bash
# Starts a throw-away Mosquitto on 127.0.0.1 for the hub's *IT tests and local development.
#
#   scripts/mosquitto-dev.sh start   # installs mosquitto if missing, starts it, prints the URL
#   scripts/mosquitto-dev.sh stop
#   export REDVEST_MQTT_URL=$(cat "${REDVEST_MOSQUITTO_DIR:-/tmp/redvest-mosquitto}/url")
#
# The port is chosen free and written to $DIR/port, the URL to $DIR/url. The settings are the
# ones a hub deployment needs (docs/api.md, "Deploying with an external broker"): nothing queued
# for the hub's persistent session is ever dropped, and many QoS 1 messages may be in flight.
set -euo pipefail

DIR="${REDVEST_MOSQUITTO_DIR:-/tmp/redvest-mosquitto}"
cmd="${1:-start}"

stop() {
  if [[ -f "$DIR/pid" ]]; then
    kill "$(cat "$DIR/pid")" 2>/dev/null || true
    rm -f "$DIR/pid"
  fi
}

if [[ "$cmd" == "stop" ]]; then
  stop
  exit 0
fi

if ! command -v mosquitto >/dev/null 2>&1 && [[ ! -x /usr/sbin/mosquitto ]]; then
  echo "mosquitto not found; installing the Debian package" >&2
  SUDO=""
  [[ "$(id -u)" -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq mosquitto mosquitto-clients
fi
MOSQUITTO="$(command -v mosquitto || echo /usr/sbin/mosquitto)"

stop
mkdir -p "$DIR/data"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

cat > "$DIR/mosquitto.conf" <<CONF
listener $PORT 127.0.0.1
allow_anonymous true
persistence true
persistence_location $DIR/data/
# Never drop QoS 1 messages queued for a slow or reconnecting persistent session (0 = no limit).
max_queued_messages 0
max_queued_bytes 0
# Let the hub receive many QoS 1 messages before PUBACKs come back (default 20).
max_inflight_messages 1000
# Keep sessions of terminals and the hub that are offline for days.
persistent_client_expiration 30d
log_dest file $DIR/mosquitto.log
CONF

"$MOSQUITTO" -c "$DIR/mosquitto.conf" -d
for _ in $(seq 1 50); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    break
  fi
  sleep 0.1
done
pgrep -n -f "mosquitto -c $DIR/mosquitto.conf" > "$DIR/pid"
echo "$PORT" > "$DIR/port"
echo "tcp://127.0.0.1:$PORT" > "$DIR/url"
echo "tcp://127.0.0.1:$PORT"
