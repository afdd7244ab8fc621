#!/usr/bin/env bash
# Installs the face models into a models directory, verifying every file's SHA-256 before it is
# copied in. Nothing is installed from a download whose checksum differs.
#
#   scripts/install-models.sh [--dir DIR] [--sface] [--faceplugin] [--from FOLDER]
#
#   --dir DIR       target directory (default /opt/redvest/models, the usb-webcam-x86 profile's)
#   --sface         YuNet + SFace from the OpenCV Zoo (Apache-2.0 / MIT): the recommended models
#   --faceplugin    fr_feature.onnx + fr_liveness.onnx from npm faceplugin-face-recognition-js@0.0.1
#                   (needs npm; the licence of these weights is uncertain: read docs/face.md first)
#   --from FOLDER   take the files from FOLDER instead of downloading (still verified)
# Without --sface/--faceplugin both sets are installed. YuNet is always installed.
set -euo pipefail

DIR=/opt/redvest/models
WANT_SFACE=0
WANT_FACEPLUGIN=0
FROM=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) DIR="$2"; shift 2 ;;
    --sface) WANT_SFACE=1; shift ;;
    --faceplugin) WANT_FACEPLUGIN=1; shift ;;
    --from) FROM="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "install-models: unknown option $1" >&2; exit 2 ;;
  esac
done
if [ "$WANT_SFACE" = 0 ] && [ "$WANT_FACEPLUGIN" = 0 ]; then WANT_SFACE=1; WANT_FACEPLUGIN=1; fi

# OpenCV Zoo, pinned to the commit whose Git LFS pointers give these checksums.
ZOO=https://github.com/opencv/opencv_zoo/raw/966be4cb6eefc2a4f586ed0581bf4bbaa2533070/models
YUNET=face_detection_yunet_2023mar.onnx
YUNET_SHA=8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4
SFACE=face_recognition_sface_2021dec.onnx
SFACE_SHA=0ba9fbfa01b5270c96627c4ef784da859931e02f04419c829e83484087c34e79
NPM_PACKAGE=faceplugin-face-recognition-js@0.0.1
NPM_TARBALL_SHA1=056667561ecd072add05a2a3e7e5850163fbd1a0
FEATURE=fr_feature.onnx
FEATURE_SHA=87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581
LIVENESS=fr_liveness.onnx
LIVENESS_SHA=afa783b7e902fdfcf323a7240cac2a1c580c25314ea4161129dc1b0d100dc32d

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

fail() { echo "install-models: $*" >&2; exit 1; }

# verify FILE SHA256: succeeds only on an exact match
verify() {
  local actual
  actual="$(sha256sum "$1" | cut -d' ' -f1)"
  [ "$actual" = "$2" ] || fail "$(basename "$1"): sha256 $actual does not match the expected $2; not installed"
}

# fetch NAME URL: into $WORK/NAME, from --from or the URL
fetch() {
  if [ -n "$FROM" ]; then
    [ -f "$FROM/$1" ] || fail "$FROM/$1 does not exist"
    cp "$FROM/$1" "$WORK/$1"
  else
    curl --fail --location --silent --show-error --retry 2 --connect-timeout 20 -o "$WORK/$1" "$2" \
      || fail "cannot download $1 from $2 (no network? use --from FOLDER)"
  fi
}

install_file() {
  mkdir -p "$DIR"
  install -m 0644 "$WORK/$1" "$DIR/$1"
  echo "installed $DIR/$1 (sha256 $2)"
}

fetch "$YUNET" "$ZOO/face_detection_yunet/$YUNET"
verify "$WORK/$YUNET" "$YUNET_SHA"

if [ "$WANT_SFACE" = 1 ]; then
  fetch "$SFACE" "$ZOO/face_recognition_sface/$SFACE"
  verify "$WORK/$SFACE" "$SFACE_SHA"
fi

if [ "$WANT_FACEPLUGIN" = 1 ]; then
  if [ -n "$FROM" ]; then
    fetch "$FEATURE" ""
    fetch "$LIVENESS" ""
  else
    command -v npm >/dev/null || fail "npm is needed for --faceplugin (or use --from FOLDER)"
    (cd "$WORK" && npm pack --silent "$NPM_PACKAGE" >/dev/null) || fail "npm pack $NPM_PACKAGE failed (no registry access?)"
    TARBALL="$(ls "$WORK"/faceplugin-face-recognition-js-0.0.1.tgz 2>/dev/null)" || fail "npm pack gave no tarball"
    [ "$(sha1sum "$TARBALL" | cut -d' ' -f1)" = "$NPM_TARBALL_SHA1" ] || fail "the npm tarball's sha1 is not the registry's $NPM_TARBALL_SHA1"
    tar -xzf "$TARBALL" -C "$WORK" package/model/$FEATURE package/model/$LIVENESS package/LICENSE \
      || fail "the tarball lacks package/model/$FEATURE or $LIVENESS"
    mv "$WORK/package/model/$FEATURE" "$WORK/package/model/$LIVENESS" "$WORK/"
    cp "$WORK/package/LICENSE" "$WORK/LICENSE-faceplugin-face-recognition-js.txt"
  fi
  verify "$WORK/$FEATURE" "$FEATURE_SHA"
  verify "$WORK/$LIVENESS" "$LIVENESS_SHA"
fi

# Only now, with every file verified, does anything land in the models directory.
install_file "$YUNET" "$YUNET_SHA"
[ "$WANT_SFACE" = 1 ] && install_file "$SFACE" "$SFACE_SHA"
if [ "$WANT_FACEPLUGIN" = 1 ]; then
  install_file "$FEATURE" "$FEATURE_SHA"
  install_file "$LIVENESS" "$LIVENESS_SHA"
  [ -f "$WORK/LICENSE-faceplugin-face-recognition-js.txt" ] && install -m 0644 "$WORK/LICENSE-faceplugin-face-recognition-js.txt" "$DIR/"
  echo "NOTE: the faceplugin weights' licence is uncertain (see docs/face.md); the operator decides." >&2
fi
echo "done: set models.directory: $DIR in the hardware profile"
