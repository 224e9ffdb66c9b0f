#!/usr/bin/env bash
# The web workspace in a real browser: make an outlook bundle from the workspace tests' small
# panel (as the tests do), start `mizan serve` on it, check it listens on
# 127.0.0.1 only, then with headless Chromium open the list of every region, follow a row to its
# occupation page, submit the counsellor form and read the answer, switch to Arabic (right to
# left). Screenshots go to $SHOTS (default out/screenshots) and are checked for size; the pages'
# text for the figures the bundle holds. A missing Chromium fails the check.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${MIZAN_BIN:-.build/debug/mizan}"
SHARED="${MIZAN_SHARED:-../shared}"
SHOTS="${SHOTS:-out/screenshots}"
BROWSER=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$BROWSER" ] || { echo "error: no chromium for the workspace check (make deps installs it)" >&2; exit 1; }
mkdir -p "$SHOTS"
tmp=$(mktemp -d)
PORT=$((20000 + RANDOM % 20000))
F=Tests/WorkspaceTests/Fixtures
printf '[inputs]\npanel = "%s"\n[forecast]\nhorizon = 5\npaths = 100\n' "$PWD/$F/panel.csv" > "$tmp/outlook.toml"
"$BIN" outlook --config "$tmp/outlook.toml" --out "$tmp/bundle" --no-record 2>"$tmp/outlook.log" \
  || { cat "$tmp/outlook.log" >&2; echo "error: workspace check: the outlook for the test bundle failed" >&2; exit 1; }
"$BIN" serve --bundle "$tmp/bundle" --panel $F/panel.csv --vintages "$tmp/none.sqlite" --esco "$SHARED/datasets/esco" --port $PORT --read-timeout 2 --max-connections 24 2>"$tmp/serve.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$tmp"' EXIT
for i in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done
URL="http://127.0.0.1:$PORT"
fail() { echo "error: workspace check: $*" >&2; exit 1; }

# Loopback only: the listening socket's local address is 127.0.0.1 (0100007F in /proc/net/tcp).
hexport=$(printf '%04X' $PORT)
grep -q " 0100007F:$hexport 00000000:0000 0A" /proc/net/tcp || fail "not listening on 127.0.0.1:$PORT only"
grep -q " 00000000:$hexport 00000000:0000 0A" /proc/net/tcp && fail "listening on all addresses"

browse() { timeout 60 "$BROWSER" --headless --no-sandbox --disable-gpu --virtual-time-budget=3000 "$@" 2>/dev/null; }
shot() {  # url file
  browse --window-size=1280,1000 --screenshot="$2" "$1" >/dev/null || true
  size=$(stat -c %s "$2" 2>/dev/null || echo 0)
  [ "$size" -gt 15000 ] || fail "$1 did not render (screenshot $size bytes)"
}

# Every region's list: the first row's occupation code and p_shortage as the bundle has them.
for region in TOTAL MA-04 MA-06; do
  expected=$(python3 - "$tmp/bundle/shortages.csv" "$region" <<'PY'
import csv, sys
rows = sorted((r for r in csv.DictReader(open(sys.argv[1])) if r["region"] == sys.argv[2]), key=lambda r: int(r["rank"]))
r = rows[0]
print(r["isco"], ("%.2f" % float(r["p_shortage"])).replace(".", ","))
PY
)
  read -r isco p <<<"$expected"
  browse --dump-dom "$URL/fr/shortages?region=$region" > "$tmp/list.html"
  grep -q "/fr/occupation/$region/$isco\">$isco" "$tmp/list.html" || fail "list $region: first occupation $isco not shown"
  grep -q "<td class=\"num\">$p</td>" "$tmp/list.html" || fail "list $region: p_shortage $p not shown"
  shot "$URL/fr/shortages?region=$region" "$SHOTS/list-$region.png"
done

# Follow the first row of Casablanca-Settat to its occupation page.
browse --dump-dom "$URL/fr/shortages?region=MA-06" > "$tmp/list.html"
href=$(grep -o 'href="/fr/occupation/MA-06/[0-9]*"' "$tmp/list.html" | head -1 | cut -d'"' -f2)
browse --dump-dom "$URL$href" > "$tmp/cell.html"
grep -q "<svg" "$tmp/cell.html" && grep -q "Ouvertures (expansion + remplacement)" "$tmp/cell.html" || fail "occupation page $href incomplete"
shot "$URL$href" "$SHOTS/occupation.png"

# The counsellor form, posted by the browser (a page that submits it on load), and its answer.
cat > "$tmp/submit.html" <<HTML
<form method="post" action="$URL/fr/counsellor"><input name="occupation" value="soudeur"><input name="years" value="6">
<input name="abroad" value="on"><textarea name="skills">souder à l'arc</textarea><input name="region" value="MA-06"></form>
<script>document.forms[0].submit()</script>
HTML
for i in $(seq 1 50); do browse --dump-dom "$URL/api/skills?q=souder&lang=fr" | grep -q souder && break; sleep 0.5; done
browse --dump-dom "file://$tmp/submit.html" > "$tmp/answer.html"
grep -q "Destinations proposées" "$tmp/answer.html" || fail "counsellor form: no answer"
grep -A2 "<h3>" "$tmp/answer.html" | head -3 | grep -q "soudeur" || fail "counsellor form: the welder's own trade is not first"
browse --window-size=1280,1400 --screenshot="$SHOTS/counsellor.png" "file://$tmp/submit.html" >/dev/null || true
[ "$(stat -c %s "$SHOTS/counsellor.png" 2>/dev/null || echo 0)" -gt 15000 ] || fail "counsellor answer did not render"

# Arabic, right to left.
browse --dump-dom "$URL/ar/shortages?region=MA-04" > "$tmp/ar.html"
grep -q 'dir="rtl"' "$tmp/ar.html" && grep -q "المهن التي تعرف نقصاً" "$tmp/ar.html" && grep -q "الرباط" "$tmp/ar.html" || fail "Arabic page not right to left"
shot "$URL/ar/shortages?region=MA-04" "$SHOTS/list-ar.png"

# Slow and silent clients: 20 connections that send half their headers and then nothing are all
# closed by the server after --read-timeout (2 s here), and it answers throughout.
python3 - "$PORT" <<'PY' || fail "connections sending half their headers were not closed after the read timeout"
import socket, sys, time
port = int(sys.argv[1])
conns = []
for _ in range(20):
    c = socket.create_connection(("127.0.0.1", port)); c.sendall(b"GET /fr/shortages HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "); conns.append(c)
ok = socket.create_connection(("127.0.0.1", port)); ok.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
assert b"200" in ok.recv(100), "the server did not answer while slow connections were open"
time.sleep(4)
for c in conns:
    c.settimeout(2)
    try:
        assert c.recv(100) == b"", "still open"
    except ConnectionResetError:
        pass
PY
# A cap on connections (--max-connections 24 here): 40 silent connections do not all get a slot;
# a real request waits in the listen queue until the first silent ones time out (2 s), then is
# answered. Without the cap it would be answered at once, with 40 connections held.
python3 - "$PORT" <<'PY' || fail "the connection cap did not hold, or the server stopped answering behind it"
import socket, sys, time
port = int(sys.argv[1])
conns = []
for _ in range(40):
    c = socket.create_connection(("127.0.0.1", port)); c.sendall(b"GET /fr/shortages HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "); conns.append(c)
start = time.time()
ok = socket.create_connection(("127.0.0.1", port)); ok.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
ok.settimeout(20)
answer = ok.recv(100)
waited = time.time() - start
assert b"200" in answer, "no answer behind the cap"
assert 1.5 <= waited <= 12, f"answered after {waited:.1f} s: the cap of 24 did not hold"
time.sleep(5)
for c in conns:
    c.settimeout(2)
    try:
        assert c.recv(100) == b"", "a silent connection is still open"
    except ConnectionResetError:
        pass
PY
# A repeated form field and an unknown query on the counsellor page are refused (400), not narrowed or ignored.
[ "$(curl -s -o /dev/null -w '%{http_code}' -d 'occupation=soudeur&occupation=cuisinier&region=MA-06' "$URL/fr/counsellor")" = 400 ] || fail "a repeated field was accepted"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/fr/counsellor?horizon=now")" = 400 ] || fail "an unknown parameter on the counsellor page was accepted"

# Nothing the form carried is in the server's log.
grep -q "soudeur\|souder" "$tmp/serve.log" && fail "the server log holds what the form carried"
kill -0 $SERVER || fail "the server stopped"
echo "workspace ok: 127.0.0.1 only; 20 half-sent requests closed after the read timeout while it kept answering; 40 held behind a cap of 24 and a real request answered once slots freed; a repeated field and an unknown parameter refused; lists of 3 regions, an occupation page, the counsellor form and Arabic (rtl) checked in headless Chromium; screenshots in $SHOTS"
