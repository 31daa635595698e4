#!/usr/bin/env bash
# The portal under load, against nginx serving the same page as a static file.
#
#   bench/run.sh            full run: 100 000 activities, 10 s per measurement
#   bench/run.sh --quick    short run: 20 000 activities, 3 s per measurement
#   options: --activities N, --duration S, --keep-data (reuse target/bench data dirs),
#            --only nocache (just the large portal with the page cache off: deep pages and
#            search, the database path; for measuring a change to it)
#
# Builds the release binary, prepares a data dir with the demo content and one with N seeded
# activities, then loads each page with wrk at 1, 16 and 64 connections on loopback. Deep
# pages and search are also measured with the page cache off (--no-page-cache), which is
# the database path. Prints a Markdown table and the ratios the performance issue asks for.
# Everything it starts, it stops; nothing is left running.
set -euo pipefail
cd "$(dirname "$0")/.."

activities=100000
duration=10
keep=0
only=all
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) activities=20000; duration=3 ;;
    --activities) activities="$2"; shift ;;
    --duration) duration="$2"; shift ;;
    --keep-data) keep=1 ;;
    --only) only="$2"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

echo "== building the release binary" >&2
cargo build --release --quiet
BIN=target/release/mmn-portal
WORK=target/bench
mkdir -p "$WORK"

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

prepare() { # dir activities
  local dir=$1 n=$2
  if [ "$keep" = 1 ] && [ -f "$dir/seeded-$n" ]; then return; fi
  rm -rf "$dir"
  echo "== preparing $dir (demo content + $n activities)" >&2
  "$BIN" --data-dir "$dir" seed --activities "$n" >&2
  touch "$dir/seeded-$n"
}
case "$only" in all|nocache) ;; *) echo "unknown --only $only (all, nocache)" >&2; exit 2 ;; esac
prepare "$WORK/demo" 0
prepare "$WORK/large" "$activities"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start DIR [flags...]: starts the portal, sets PORT and PID, prints start-up ms to first answer.
start() {
  local dir=$1; shift
  PORT=$(free_port)
  local t0; t0=$(date +%s%N)
  RUST_LOG=warn "$BIN" --data-dir "$dir" serve --bind "127.0.0.1:$PORT" "$@" >/dev/null 2>"$WORK/portal.log" &
  PID=$!
  PIDS+=("$PID")
  until curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz"; do
    kill -0 "$PID" 2>/dev/null || { cat "$WORK/portal.log" >&2; exit 1; }
    sleep 0.005
  done
  STARTUP_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; }
peak_rss_mb() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

ROWS=()
# measure LABEL URL: wrk at 1, 16 and 64 connections; one table row each.
measure() {
  local label=$1 url=$2
  wrk -t2 -c16 -d1s "$url" >/dev/null 2>&1 || true   # warm-up
  for c in 1 16 64; do
    local threads=2; [ "$c" = 1 ] && threads=1
    local out; out=$(wrk -t"$threads" -c"$c" -d"${duration}s" --latency "$url" 2>&1)
    local rps p50 p99 errors
    rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")
    p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
    p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
    errors=$(awk '/Non-2xx|Socket errors/ { print }' <<<"$out" | tr '\n' ' ')
    ROWS+=("| $label | $c | $rps | $p50 | $p99 | ${errors:-none} |")
    RESULT["$label/$c"]=$rps
    P50["$label/$c"]=$p50
    P99["$label/$c"]=$p99
  done
}
declare -A RESULT P50 P99

to_ms() { # wrk latency (e.g. 1.23ms, 850.00us, 1.02s) in ms
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); print v + 0 }
    else if (v ~ /s$/) { sub(/s$/, "", v); print v * 1000 }
    else print v }'
}
search_cap() { awk '/pub const CANDIDATES/ { gsub(/[^0-9]/, "", $NF); print $NF }' src/search/mod.rs; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

first_link() { # page-html prefix: the first root-relative link starting with prefix
  local pattern="href=\"($2[^\"?#]*)\""
  if [[ $1 =~ $pattern ]]; then echo "${BASH_REMATCH[1]}"; fi
}

# Page 1 000, or the category's last page when it has fewer (found by bisection).
status() { curl -s -o /dev/null -w '%{http_code}' "$1"; }
deep_page() { # base category
  if [ "$(status "$1$2?page=1000")" = 200 ]; then echo 1000; return; fi
  local lo=1 hi=1000 mid
  while [ $((hi - lo)) -gt 1 ]; do
    mid=$(( (lo + hi) / 2 ))
    if [ "$(status "$1$2?page=$mid")" = 200 ]; then lo=$mid; else hi=$mid; fi
  done
  echo "$lo"
}

LARGE_STARTUP_MS=n/a LARGE_RSS=n/a
if [ "$only" = all ]; then
# --- the demo portal: the page types at their real size
start "$WORK/demo"
base="http://127.0.0.1:$PORT"
home=$(curl -sf "$base/")
activity=$(first_link "$home" /activities/)
category=$(first_link "$home" /category/)
month=$(first_link "$home" /archive/)
organization=$(first_link "$(curl -sf "$base/organizations")" /organizations/)
curl -sf "$base$category" >"$WORK/category.html"
measure "home (demo)" "$base/"
measure "category p1 (demo)" "$base$category"
measure "activity (demo)" "$base$activity"
measure "organization (demo)" "$base$organization"
measure "month archive (demo)" "$base$month"
measure "feed (demo)" "$base/feed.atom"
stop

# --- nginx serving category page 1 as a static file (the ceiling)
NGX="$WORK/nginx"
mkdir -p "$NGX/html" "$NGX/logs"
cp "$WORK/category.html" "$NGX/html/category.html"
NPORT=$(free_port)
cat >"$NGX/nginx.conf" <<CONF
worker_processes auto;
pid $PWD/$NGX/nginx.pid;
error_log $PWD/$NGX/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  types { text/html html; }
  server {
    listen 127.0.0.1:$NPORT;
    root $PWD/$NGX/html;
  }
}
CONF
"$NGINX" -c "$PWD/$NGX/nginx.conf" -p "$PWD/$NGX" -g 'daemon off;' &
PIDS+=("$!")
NGINX_PID=$!
until curl -sf -o /dev/null "http://127.0.0.1:$NPORT/category.html"; do sleep 0.01; done
measure "nginx static category p1" "http://127.0.0.1:$NPORT/category.html"
kill "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true

# --- the large portal, page cache on
start "$WORK/large"
LARGE_STARTUP_MS=$STARTUP_MS
LARGE_PID=$PID
base="http://127.0.0.1:$PORT"
home=$(curl -sf "$base/")
category=$(first_link "$home" /category/)
deep=$(deep_page "$base" "$category")
activity=$(first_link "$home" /activities/)
month=$(first_link "$home" /archive/)
organization=$(first_link "$(curl -sf "$base/organizations")" /organizations/)
measure "home" "$base/"
measure "category p1" "$base$category"
measure "category p$deep" "$base$category?page=$deep"
measure "activity" "$base$activity"
measure "organization" "$base$organization"
measure "month archive" "$base$month"
measure "feed" "$base/feed.atom"
LARGE_RSS=$(peak_rss_mb "$LARGE_PID")
stop
fi

# --- the large portal, page cache off: the database path
start "$WORK/large" --no-page-cache
NOCACHE_PID=$PID
base="http://127.0.0.1:$PORT"
if [ "$only" != all ]; then
  category=$(first_link "$(curl -sf "$base/")" /category/)
  deep=$(deep_page "$base" "$category")
fi
measure "category p1, no cache" "$base$category"
measure "category p$deep, no cache" "$base$category?page=$deep"
QUERIES=(Battambang workers ข้ามชา အလုပ်သမား)
for q in "${QUERIES[@]}"; do
  encoded=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$q")
  measure "search \"$q\", no cache" "$base/search?q=$encoded"
done
NOCACHE_RSS=$(peak_rss_mb "$NOCACHE_PID")
stop

echo
echo "Benchmark of $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(date -u +%Y-%m-%d), $(nproc) cores, $activities activities, ${duration} s per row"
echo
echo "| page | connections | requests/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
echo
if [ "$only" = all ]; then
c64=${RESULT["category p1/64"]}; n64=${RESULT["nginx static category p1/64"]}
echo "- category p1 at 64 connections vs nginx static: $(ratio "$c64" "$n64")x requests/s (target >= 0.8);" \
     "p99 $(ratio "$(to_ms "${P99["category p1/64"]}")" "$(to_ms "${P99["nginx static category p1/64"]}")")x nginx's (target < 2)"
for page in activity organization "month archive"; do
  echo "- $page at 64 connections vs nginx static: $(ratio "${RESULT["$page/64"]}" "$n64")x (target >= 0.5)"
done
fi
echo "- deep category page (p$deep) vs page 1, cache off, latency at 1 connection:" \
     "p50 $(ratio "$(to_ms "${P50["category p$deep, no cache/1"]}")" "$(to_ms "${P50["category p1, no cache/1"]}")")x," \
     "p99 $(ratio "$(to_ms "${P99["category p$deep, no cache/1"]}")" "$(to_ms "${P99["category p1, no cache/1"]}")")x (target <= 1.3)"
for q in "${QUERIES[@]}"; do
  echo "- search \"$q\" at 16 connections, cache off: p50 ${P50["search \"$q\", no cache/16"]}," \
       "p99 ${P99["search \"$q\", no cache/16"]} (target < 50 ms; ranks the $(search_cap) most recently added matches)"
done
echo "- peak RSS with $activities activities: ${LARGE_RSS} MB cache on, ${NOCACHE_RSS} MB cache off (target < 150)"
echo "- start-up to first answer with $activities activities: ${LARGE_STARTUP_MS} ms (target < 1000)"
