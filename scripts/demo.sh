#!/usr/bin/env bash
# Builds RedVest and runs the whole system on its embedded defaults: the hub (embedded MQTT broker
# + SQLite) and one terminal replaying a generated video of volunteers showing QR badges.
# Ctrl-C stops both. Each run starts from empty data. Settings: HUB_HTTP_PORT (7070), HUB_HTTPS_PORT
# (7443), HUB_MQTT_TLS_PORT (8883), KIOSK_SCREEN_PORT (8090; the kiosk screen on 127.0.0.1, "off" for
# none), DEMO_DIR (demo-data).
set -euo pipefail
cd "$(dirname "$0")/.."

HTTP_PORT="${HUB_HTTP_PORT:-7070}"
HTTPS_PORT="${HUB_HTTPS_PORT:-7443}"
MQTT_TLS_PORT="${HUB_MQTT_TLS_PORT:-8883}"
DEMO_DIR="${DEMO_DIR:-demo-data}"
SCREEN_PORT="${KIOSK_SCREEN_PORT:-8090}"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== building (./mvnw -DskipTests package)"
  ./mvnw -B -q -DskipTests package
fi

# Each run starts with an empty hub and outbox (the video is kept): station time restarts at "now".
rm -rf "$DEMO_DIR/hub" "$DEMO_DIR/kiosk-1"
mkdir -p "$DEMO_DIR"
if [ ! -f "$DEMO_DIR/video/badges.mp4" ]; then
  java -jar terminal/target/redvest-terminal.jar demo-video "$DEMO_DIR/video"
fi

# The kiosk screen's manager view: demo PIN 1234 for manager "demo-manager" (stored as a salted hash).
echo 1234 | java -jar terminal/target/redvest-terminal.jar set-pin --data-dir "$DEMO_DIR/kiosk-1" \
    --manager demo-manager >/dev/null

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# The hub serves MQTT over TLS only (plain MQTT would be served on loopback alone) and HTTPS
# beside HTTP, with a key it makes at first start in $DEMO_DIR/hub/fleet/ (docs/security.md, "TLS").
echo "== starting the hub: http://localhost:$HTTP_PORT  https://localhost:$HTTPS_PORT  mqtts://localhost:$MQTT_TLS_PORT"
java -jar hub/target/redvest-hub.jar --http-port "$HTTP_PORT" --https-port "$HTTPS_PORT" \
    --mqtt-tls-port "$MQTT_TLS_PORT" --data-dir "$DEMO_DIR/hub" &
pids+=($!)

for _ in $(seq 1 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$HTTP_PORT") 2>/dev/null && break
  sleep 0.2
done

# The hub's catalogue for the demo: organisation, station (with coordinates for the map), activity
# and the three volunteers' names, imported through the API as a script would (needs curl).
import_catalogue() {
  local token kind job state
  token="$(cat "$DEMO_DIR/hub/api-token")"
  for kind in organisations stations activities volunteers; do
    job="$(curl -fsS -X POST -H "Authorization: Bearer $token" -H "Content-Type: text/csv" \
        --data-binary @"scripts/demo-catalogue/$kind.csv" \
        "http://127.0.0.1:$HTTP_PORT/api/imports?kind=$kind&fileName=$kind.csv" \
        | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')"
    for _ in $(seq 1 50); do
      state="$(curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$HTTP_PORT/api/imports/$job" \
          | sed -n 's/.*"state":"\([A-Z]*\)".*/\1/p')"
      [ "$state" = DONE ] || [ "$state" = FAILED ] && break
      sleep 0.2
    done
    [ "$state" = DONE ] || { echo "== importing demo $kind: $state"; return 1; }
  done
  echo "== imported the demo catalogue (scripts/demo-catalogue/*.csv)"
}
if command -v curl >/dev/null; then
  import_catalogue || echo "== the dashboard shows ids instead of names"
else
  echo "== curl not found: the demo catalogue was not imported, the dashboard shows ids instead of names"
fi

# Nothing anonymous reaches the hub: the kiosk joins the fleet with a one-time claim code, as an
# installer's would (docs/security.md). It makes its own key, proves it holds it, and gets a broker
# login of its own, kept in $DEMO_DIR/kiosk-1/fleet/.
# The claim command also prints the pin of the hub's TLS key: the kiosk claims over HTTPS and
# trusts only that key, for HTTPS and MQTT alike.
CLAIM="$(java -jar hub/target/redvest-hub.jar claim --data-dir "$DEMO_DIR/hub" \
    --station JX-RJ-0001 --terminal kiosk-1 --ttl 10m --by demo.sh 2>"$DEMO_DIR/claim.txt")"
PIN="$(sed -n 's/.*--hub-pin \(SHA256:[A-Za-z0-9+\/]*\).*/\1/p' "$DEMO_DIR/claim.txt")"
echo "== claim code for JX-RJ-0001/kiosk-1: $CLAIM (single use, 10 minutes); hub TLS key $PIN"

# The video covers 75 station minutes in 75 s; starting it 75 minutes ago keeps every event in the
# past, as a real kiosk's would be (the hub flags events stamped ahead of its own clock).
REPLAY_START="$(date -d '-75 min' --iso-8601=seconds)"
echo "== starting terminal JX-RJ-0001/kiosk-1 replaying $DEMO_DIR/video/badges.mp4 (1 video second = 1 station minute)"
java -jar terminal/target/redvest-terminal.jar run --profile replay-video \
    --source "$DEMO_DIR/video/badges.mp4" --station JX-RJ-0001 --terminal kiosk-1 \
    --broker "ssl://localhost:$MQTT_TLS_PORT" --data-dir "$DEMO_DIR/kiosk-1" --zone Asia/Shanghai \
    --replay-start "$REPLAY_START" --screen-port "$SCREEN_PORT" --closes-at 18:00 \
    --claim "$CLAIM" --hub "https://127.0.0.1:$HTTPS_PORT" --hub-pin "$PIN" &
pids+=($!)

# The hub wrote the first admin's password and its API token before it began to listen.
cat <<MSG

   Dashboard: http://localhost:$HTTP_PORT/  user admin, password $(cat "$DEMO_DIR/hub/admin-password")
              (live check-ins at /ui/live, terminals at /ui/stations)
   Fleet:     http://localhost:$HTTP_PORT/api/fleet/terminals   (the kiosk's key, bound by its claim)
   Hours:     http://localhost:$HTTP_PORT/api/volunteers/V-360781-000101/hours   (also …000102, …000103)
   Sessions:  http://localhost:$HTTP_PORT/api/sessions
   Stations:  http://localhost:$HTTP_PORT/api/stations
   Scripts:   curl -H "Authorization: Bearer $(cat "$DEMO_DIR/hub/api-token")" http://localhost:$HTTP_PORT/api/sessions
   Kiosk screen: http://127.0.0.1:$SCREEN_PORT/   (manager view /manage: id demo-manager, PIN 1234)
   The replay takes 75 s; afterwards the terminal stays connected. Ctrl-C stops everything.

MSG
wait "${pids[@]}"
