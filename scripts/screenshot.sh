#!/usr/bin/env bash
# Redraws docs/report.png, the picture of the HTML report in the README (the
# example journal's yearly page), and docs/site.png, a page of its site (an
# idea's story), as headless Chromium shows them at desktop width.
#
#   scripts/screenshot.sh          # writes docs/report.png and docs/site.png
#   scripts/screenshot.sh DIR      # also writes DIR/report.html, DIR/desktop.png
#                                  # (the whole page), DIR/phone.png, DIR/report.pdf,
#                                  # DIR/site/ and DIR/site-{home,idea,entry}-{desktop,phone}.png
#
# Needs Debian's chromium and, for the Chinese quotes, fonts-noto-cjk:
#   apt-get install -y chromium fonts-noto-cjk
set -euo pipefail
cd "$(dirname "$0")/.."

chromium=${INSIGHT_CHROMIUM:-chromium}
if ! command -v "$chromium" >/dev/null; then
  echo "screenshot.sh: $chromium not found; apt-get install -y chromium fonts-noto-cjk" >&2
  exit 2
fi

out=${1:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --quiet
target/debug/insight --journal examples/journal --today 2026-11-23 \
  report --year 2026 --quotes 8 -o "$work/report.html" 2>/dev/null

target/debug/insight --journal examples/journal --today 2026-11-23 \
  site "$work/site" >/dev/null 2>&1

# The flags keep Chromium from reaching the network or reading a profile.
# The page is the last argument, a file under $work.
shoot_page() {
  local page=$1
  shift
  rm -rf "$work/profile"
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --hide-scrollbars --force-device-scale-factor=1 \
    "$@" "file://$work/$page" 2>/dev/null
}
shoot() { shoot_page report.html "$@"; }

shoot --window-size=1100,1500 --screenshot="$work/top.png"
cp "$work/top.png" docs/report.png
echo "wrote docs/report.png"
shoot_page site/ideas/split-billing.html --window-size=1100,900 --screenshot="$work/site.png"
cp "$work/site.png" docs/site.png
echo "wrote docs/site.png"

if [ -n "$out" ]; then
  mkdir -p "$out"
  cp "$work/report.html" "$out/report.html"
  shoot --window-size=1280,9000 --screenshot="$out/desktop.png"
  shoot --window-size=390,16000 --screenshot="$out/phone.png"
  shoot --no-pdf-header-footer --print-to-pdf="$out/report.pdf"
  echo "wrote $out/report.html, desktop.png, phone.png and report.pdf"
  rm -rf "$out/site"
  cp -r "$work/site" "$out/site"
  for page in home:index.html idea:ideas/split-billing.html \
    entry:entries/2026-11-17-jewel-osco-chicago.html; do
    shoot_page "site/${page#*:}" --window-size=1280,3000 --screenshot="$out/site-${page%%:*}-desktop.png"
    shoot_page "site/${page#*:}" --window-size=390,6000 --screenshot="$out/site-${page%%:*}-phone.png"
  done
  echo "wrote $out/site/ and its home, an idea and an entry at desktop and phone width"
fi
