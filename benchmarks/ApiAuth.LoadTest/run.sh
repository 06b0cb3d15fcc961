#!/usr/bin/env bash
# End-to-end load test: requests/s of the same handler behind AWS_IAM (SigV4 + identity policy + resource policy)
# and behind NONE, measured by wrk (a second process on loopback) in one run. Prints both and the ratio.
# Needs wrk (apt-get install -y wrk). Usage: benchmarks/ApiAuth.LoadTest/run.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-15}
connections=${2:-32}
port=5099

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }
dotnet build -c Release benchmarks/ApiAuth.LoadTest -v quiet -nologo >/dev/null
dotnet build -c Release src/ApiAuth.Cli -v quiet -nologo >/dev/null

dotnet benchmarks/ApiAuth.LoadTest/bin/Release/net10.0/ApiAuth.LoadTest.dll --urls "http://127.0.0.1:$port" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/none/pets/1" >/dev/null && break; sleep 0.2; done

# A SigV4 signature stays valid for 5 minutes, so one signed request can be replayed for the whole run; the
# server still verifies every request in full (there is no replay cache to shortcut it).
headers=$(dotnet src/ApiAuth.Cli/bin/Release/net10.0/apiauth.dll sign --url "http://127.0.0.1:$port/iam/pets/1" \
  --access-key AKIAIOSFODNN7EXAMPLE --secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY)
wrk_headers=()
while IFS= read -r line; do wrk_headers+=(-H "$line"); done <<< "$headers"
test "$(curl -s -o /dev/null -w '%{http_code}' "${wrk_headers[@]}" "http://127.0.0.1:$port/iam/pets/1")" = 200

measure() { wrk -t1 -c"$connections" -d"${seconds}s" "$@" | awk '/Requests\/sec/ {print $2}'; }
measure "http://127.0.0.1:$port/none/pets/1" >/dev/null   # warm-up
none=$(measure "http://127.0.0.1:$port/none/pets/1")
iam=$(measure "${wrk_headers[@]}" "http://127.0.0.1:$port/iam/pets/1")
none2=$(measure "http://127.0.0.1:$port/none/pets/1")
iam2=$(measure "${wrk_headers[@]}" "http://127.0.0.1:$port/iam/pets/1")
awk -v n1="$none" -v i1="$iam" -v n2="$none2" -v i2="$iam2" 'BEGIN {
  n = (n1 + n2) / 2; i = (i1 + i2) / 2;
  printf "NONE    %10.0f req/s (runs: %.0f, %.0f)\nAWS_IAM %10.0f req/s (runs: %.0f, %.0f)\nratio   %10.3f\n", n, n1, n2, i, i1, i2, i / n }'
