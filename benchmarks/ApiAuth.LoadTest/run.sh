#!/usr/bin/env bash
# End-to-end load test: requests/s of the same trivial handler behind NONE, AWS_IAM, COGNITO_USER_POOLS (result cache
# on, and ResultTtlInSeconds 0), TOKEN and REQUEST, and behind ASP.NET Core's own AddJwtBearer (the peer, same RS256
# token and key), measured by wrk (a second process on loopback) in one run: a warm-up pass over every route, then
# rounds that measure each route in turn, so load from outside the run falls on all of them alike. Also prints the
# server's CPU time per request (from /proc/<pid>/stat), which contention from other processes disturbs less.
# Needs wrk (apt-get install -y wrk). Usage: benchmarks/ApiAuth.LoadTest/run.sh [seconds] [connections] [rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
connections=${2:-32}
rounds=${3:-2}
port=5099
# none-signed and none-bearer are the NONE route sent the SigV4 headers or the JWT (NONE ignores them): what the
# bigger request alone costs Kestrel, the kernel and wrk, before ApiAuth sees it.
routes=(none none-signed none-bearer iam cognito cognito-uncached token request jwtbearer)

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }
# The SigV4 headers are signed once for a fixed time 270 s ahead, which the server's 5-minute clock window accepts
# for 570 s from now: the run must end before that (warm-up, rounds, start-up).
total=$(( ${#routes[@]} * (3 + rounds * seconds) + 30 ))
(( total < 540 )) || { echo "a run of ${total}s would outlive the signed request (540s): fewer seconds or rounds" >&2; exit 2; }
dotnet build -c Release benchmarks/ApiAuth.LoadTest -v quiet -nologo >/dev/null
dotnet build -c Release src/ApiAuth.Cli -v quiet -nologo >/dev/null

dotnet benchmarks/ApiAuth.LoadTest/bin/Release/net10.0/ApiAuth.LoadTest.dll --urls "http://127.0.0.1:$port" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/none/pets/1" >/dev/null && break; sleep 0.2; done

# One signed request replayed for the whole run; the server still verifies every request in full (there is no replay
# cache to shortcut it).
signed_at=$(date -u -d '+270 seconds' +%Y-%m-%dT%H:%M:%SZ)
signature=$(dotnet src/ApiAuth.Cli/bin/Release/net10.0/apiauth.dll sign --url "http://127.0.0.1:$port/iam/pets/1" --now "$signed_at" \
  --access-key AKIAIOSFODNN7EXAMPLE --secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY)
iam_headers=()
while IFS= read -r line; do iam_headers+=(-H "$line"); done <<< "$signature"
token=$(curl -fs "http://127.0.0.1:$port/loadtest/token")

headers_for() {
  case $1 in
    none) ;;
    iam | none-signed) printf '%s\n' "${iam_headers[@]}" ;;
    *) printf '%s\n' -H "Authorization: Bearer $token" ;;
  esac
}
url_for() { local path=$1; [[ $path == none-* ]] && path=none; echo "http://127.0.0.1:$port/$path/pets/1"; }
for route in "${routes[@]}"; do
  mapfile -t h < <(headers_for "$route")
  code=$(curl -s -o /dev/null -w '%{http_code}' "${h[@]}" "$(url_for "$route")")
  [[ $code == 200 ]] || { echo "$route answers $code, not 200" >&2; exit 1; }
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
declare -A rps cpu
measure() { # route seconds -> "requests/s cpu-us-per-request"
  local route=$1 duration=$2 before after out
  mapfile -t h < <(headers_for "$route")
  before=$(cpu_ticks)
  out=$(wrk -t1 -c"$connections" -d"${duration}s" "${h[@]}" "$(url_for "$route")")
  after=$(cpu_ticks)
  grep -qE 'Non-2xx|Socket errors' <<< "$out" && { echo "$route: errors during the run" >&2; echo "$out" >&2; exit 1; }
  awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" '/requests in/ {n = $1} /Requests\/sec/ {r = $2} END {printf "%.0f %.2f\n", r, t / hz * 1e6 / n}' <<< "$out"
}
for route in "${routes[@]}"; do measure "$route" 3 >/dev/null; done   # warm-up: JIT, caches, connections
for round in $(seq "$rounds"); do
  for route in "${routes[@]}"; do
    read -r r c < <(measure "$route" "$seconds")
    rps[$route]+="$r "; cpu[$route]+="$c "
  done
done

mean() { awk '{s = 0; for (i = 1; i <= NF; i++) s += $i; printf "%.2f", s / NF}' <<< "$1"; }
none=$(mean "${rps[none]}"); peer=$(mean "${rps[jwtbearer]}")
printf '%-17s %10s %8s %8s %12s  %s\n' route 'req/s' 'vs NONE' 'vs peer' 'CPU us/req' 'runs (req/s)'
for route in "${routes[@]}"; do
  m=$(mean "${rps[$route]}")
  awk -v r="$route" -v m="$m" -v n="$none" -v p="$peer" -v c="$(mean "${cpu[$route]}")" -v runs="${rps[$route]}" \
    'BEGIN {printf "%-17s %10.0f %8.3f %8.3f %12.2f  %s\n", r, m, m / n, m / p, c, runs}'
done
