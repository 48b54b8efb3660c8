#!/usr/bin/env bash
# Prepare a fresh Debian/Ubuntu machine for twin_app: system libraries for Qt
# and OpenGL, a virtual environment in .venv, and the package installed into it.
# Usage: bash tools/setup.sh [--test]    (--test adds Xvfb and the test tools)
set -euo pipefail
cd "$(dirname "$0")/.."

with_test=0
[ "${1:-}" = "--test" ] && with_test=1

# fonts-noto-cjk: the window in Korean, Japanese or Chinese needs a font that has their letters
apt_packages=(libgl1 libegl1 libgl1-mesa-dri libglib2.0-0 libfontconfig1 fonts-noto-cjk libdbus-1-3 libxkbcommon0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1
  fonts-noto-cjk)   # Chinese, Japanese and Korean in the 3D view, its exports and the PDF report
[ "$with_test" = 1 ] && apt_packages+=(xvfb xauth mosquitto openssl)   # the live-feed tests start a real broker, with TLS
python3 -c 'import ensurepip, venv' 2>/dev/null || apt_packages+=(python3-venv)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
extra=""
[ "$with_test" = 1 ] && extra="[test]"
stamp=".venv/.twin_app-installed$extra"
full_stamp=".venv/.twin_app-installed[test]"   # the test install includes the app's
# catalogues merge by entry (tools/merge_catalogues.py), in a git clone only
if git rev-parse --git-dir >/dev/null 2>&1; then
  git config merge.twin-catalogue.driver ".venv/bin/python tools/merge_catalogues.py %O %A %B %P"
  git config merge.twin-binary-catalogue.driver true
fi
fresh() { [ -f "$1" ] && [ ! pyproject.toml -nt "$1" ]; }
if ! fresh "$stamp" && ! fresh "$full_stamp"; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".$extra"
  touch "$stamp"
fi
