"""Signs one request with Debian's botocore (SigV4Auth or SigV4QueryAuth), optionally tampers with it after
signing, sends it with botocore's own HTTP session and prints the answer as JSON.

Input (stdin, JSON): url, method, body, headers, access_key, secret, token, region, presign_expires,
tamper_path (old, new), tamper_body, tamper_query (appended)."""
import json
import sys

from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.httpsession import URLLib3Session

spec = json.load(sys.stdin)
credentials = Credentials(spec["access_key"], spec["secret"], spec.get("token"))
body = spec.get("body")
request = AWSRequest(method=spec["method"], url=spec["url"], data=body.encode() if body else None,
                     headers=spec.get("headers") or {})
if spec.get("presign_expires"):
    SigV4QueryAuth(credentials, "execute-api", spec["region"], expires=spec["presign_expires"]).add_auth(request)
else:
    SigV4Auth(credentials, "execute-api", spec["region"]).add_auth(request)

prepared = request.prepare()
if spec.get("tamper_path"):
    old, new = spec["tamper_path"]
    prepared.url = prepared.url.replace(old, new, 1)
if spec.get("tamper_query"):
    prepared.url += ("&" if "?" in prepared.url else "?") + spec["tamper_query"]
if spec.get("tamper_body") is not None:
    prepared.body = spec["tamper_body"].encode()
    prepared.headers["Content-Length"] = str(len(prepared.body))

response = URLLib3Session().send(prepared)
print(json.dumps({
    "status": response.status_code,
    "reason": response.headers.get("x-apiauth-reason", ""),
    "body": response.content.decode("utf-8", "replace"),
}))
