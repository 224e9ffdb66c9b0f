#!/usr/bin/env bash
# Run an outlook on the small test panel, open its report in headless Chromium and check that a
# screenshot of tables and charts comes out. Chromium is required (make deps installs it from
# Debian): a missing browser fails the check rather than skipping it unseen.
set -euo pipefail
cd "$(dirname "$0")/.."
BROWSER=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$BROWSER" ]; then echo "error: no chromium to render the report; install it (make deps, or apt-get install chromium)" >&2; exit 1; fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp Tests/ForecastingTests/Fixtures/tiny_panel.csv "$tmp/panel.csv"
printf '[inputs]\npanel = "panel.csv"\n[forecast]\nhorizon = 3\npaths = 100\n[report]\nlanguage = "fr"\n' > "$tmp/outlook.toml"
.build/debug/mizan outlook --config "$tmp/outlook.toml" --out "$tmp/bundle" 2>/dev/null
timeout 120 "$BROWSER" --headless --no-sandbox --disable-gpu --window-size=1200,1600 \
  --screenshot="$tmp/report.png" "file://$tmp/bundle/report.html" >/dev/null 2>&1 || true
size=$(stat -c %s "$tmp/report.png" 2>/dev/null || echo 0)
grep -q "<svg" "$tmp/bundle/report.html" && grep -q "<table" "$tmp/bundle/report.html"
[ "$size" -gt 20000 ] || { echo "error: the report did not render (screenshot $size bytes)" >&2; exit 1; }
echo "report ok: rendered in headless Chromium ($size-byte screenshot)"
