#!/usr/bin/env bash
# HTTP API benchmark (issue 8): GET /api/v1/artifacts?limit=50 over a 10,000-artifact collection,
# loaded by wrk from a second process on loopback; reports latency percentiles and the server's
# resident memory before and after the load.
#
#   scripts/bench-http.sh [--count 10000] [--connections 32] [--duration 60s] [--port 18080]
#
# Needs wrk (apt-get install -y wrk) and python3. Builds the release binary first.
set -euo pipefail

count=10000
connections=32
duration=60s
port=18080
while [[ $# -gt 0 ]]; do
    case "$1" in
        --count) count="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --port) port="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
swift build -c release --product skillmeat >&2
binary="$(swift build -c release --show-bin-path)/skillmeat"

scratch="$(mktemp -d -t skillmeat-http-bench.XXXXXX)"
server=""
cleanup() {
    if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$scratch"
}
trap cleanup EXIT
export SKILLMEAT_HOME="$scratch/home"
"$binary" init >/dev/null

# The collection as imports leave it: one file or folder per artifact and a manifest entry each.
python3 - "$SKILLMEAT_HOME/collections/default" "$count" <<'PY'
import os, sys
folder, count = sys.argv[1], int(sys.argv[2])
types = ["skill", "command", "agent", "skill", "command"]
lines = [open(os.path.join(folder, "collection.toml")).read().split("[[artifacts]]")[0].rstrip(), ""]
for index in range(count):
    kind = types[index % len(types)]
    name = f"{kind}-{index}"
    text = f"---\nname: {name}\ndescription: Benchmark artifact number {index}\n---\nBody {index}\n"
    if kind == "skill":
        path = f"skills/{name}"
        os.makedirs(os.path.join(folder, path), exist_ok=True)
        open(os.path.join(folder, path, "SKILL.md"), "w").write(text)
    else:
        path = f"{kind}s/{name}.md"
        os.makedirs(os.path.join(folder, f"{kind}s"), exist_ok=True)
        open(os.path.join(folder, path), "w").write(text)
    lines += [
        "[[artifacts]]", f'name = "{name}"', f'type = "{kind}"', f'path = "{path}"', 'origin = "marketplace"',
        'origin_source = "github"', f'upstream = "https://github.com/example/artifacts/tree/0123456789abcdef/{path}"',
        'added = "2026-01-01T00:00:00+00:00"', f'tags = ["bench", "t{index % 10}"]', "",
        "[artifacts.metadata]", f'description = "Benchmark artifact number {index}"', 'tools = ["Read"]', "",
    ]
open(os.path.join(folder, "collection.toml"), "w").write("\n".join(lines))
PY

"$binary" serve --port "$port" 2>"$scratch/server.log" &
server=$!
for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 0.1
done
url="http://127.0.0.1:$port/api/v1/artifacts?limit=50"
items=$(curl -fs "$url" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
echo "collection: $count artifacts; first page holds $items items"

rss() { awk '/VmRSS/ {print $2 " KiB"}' "/proc/$server/status"; }
# Warm up (first requests open the database and fill SQLite's page cache), then measure.
wrk -t2 -c"$connections" -d5s "$url" >/dev/null
echo "server RSS after warm-up: $(rss)"
wrk -t2 -c"$connections" -d"$duration" --latency "$url"
echo "server RSS after the measured run: $(rss)"
wrk -t2 -c"$connections" -d"$duration" "$url" | grep -E "requests in|Requests/sec"
echo "server RSS after a second run: $(rss)"
