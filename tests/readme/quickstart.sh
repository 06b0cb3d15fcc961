#!/usr/bin/env bash
# Follows the README's quick start as written: a new ASP.NET Core API, the adapter referenced, the README's
# Program.cs and appsettings.json pasted in, then the README's curl calls with their documented answers.
# Usage: tests/readme/quickstart.sh [port]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
port=${1:-5179}
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
server=

# The README's code blocks that start with "// Program.cs" and "// appsettings.json".
extract() {
  awk -v marker="$1" '
    /^```/ { if (inside) { exit } ; fence = 1; next }
    fence && $0 == marker { inside = 1; fence = 0; next }
    { fence = 0 }
    inside { print }' "$repo/README.md"
}

dotnet new web -o "$work/MyApi" --no-update-check >/dev/null
cd "$work/MyApi"
dotnet add reference "$repo/src/ApiAuth.AspNetCore" >/dev/null
extract "// Program.cs" > Program.cs
extract "// appsettings.json" > appsettings.json
test -s Program.cs && test -s appsettings.json
dotnet build -nologo -v quiet >/dev/null

dotnet run --no-build --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.3; done

expect() { # expect STATUS BODY-FRAGMENT curl-args...
  local status=$1 fragment=$2; shift 2
  local body code
  body=$(curl -s -w '\n%{http_code}' "$@")
  code=${body##*$'\n'}; body=${body%$'\n'*}
  if [ "$code" != "$status" ] || [[ "$body" != *"$fragment"* ]]; then
    echo "FAIL: curl $* -> $code $body (expected $status with '$fragment')" >&2
    cat "$work/server.log" >&2
    exit 1
  fi
  echo "ok: $code $body"
}

base="http://127.0.0.1:$port"
expect 403 '{"message":"Missing Authentication Token"}' "$base/pets"
expect 200 '"caller":"arn:aws:iam::123456789012:user/alice"' --aws-sigv4 "aws:amz:us-east-1:execute-api" --user "AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" "$base/pets"
expect 200 '"caller":"reporter"' -H "Authorization: let-me-in" "$base/reports"
expect 401 '{"message":"Unauthorized"}' -H "Authorization: wrong" "$base/reports"
echo "quick start: all steps passed"
