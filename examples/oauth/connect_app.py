#!/usr/bin/env python3
"""A third-party app connecting to Tasklane with OAuth 2.1: authorization code with PKCE (S256).

Usage: python3 connect_app.py BASE_URL CLIENT_ID [CLIENT_SECRET]

Register the app first in Settings -> Developer apps with the redirect URI
http://127.0.0.1/callback (a native app on this computer: any port is accepted, RFC 8252).
The program listens on a free loopback port, prints the address to open in a browser, and
waits for Tasklane to send the browser back with a code after the person allows the app. It
exchanges the code (with the PKCE verifier) for tokens, calls the API with the access token,
refreshes once (the refresh token rotates: the old one is refused afterwards), and prints one
JSON line with what it saw and its last tokens.

The protocol (authorization URL, PKCE, the callback's parsing, the token request) is Authlib's
(Debian: python3-authlib); HTTP is the standard library's.
"""
import base64
import http.server
import json
import sys
import threading
import urllib.error
import urllib.request

from authlib.common.security import generate_token
from authlib.oauth2.rfc6749.parameters import (
    parse_authorization_code_response,
    prepare_grant_uri,
    prepare_token_request,
)
from authlib.oauth2.rfc7636 import create_s256_code_challenge

SCOPE = "tasks:read tasks:write offline_access"


def http_json(method, url, body=None, headers=None):
    """One request; returns (status, parsed JSON or None)."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw)
        except ValueError:
            return error.code, None


def wait_for_callback():
    """Serves one request on a free loopback port; returns (redirect_uri, function giving the callback URL)."""
    received = {}
    done = threading.Event()

    class Callback(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the standard library's name)
            received["url"] = f"http://127.0.0.1:{self.server.server_port}{self.path}"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(b"<p>Connected: you can close this window.</p>")
            done.set()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Callback)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def callback_url():
        if not done.wait(timeout=120):
            raise SystemExit("no callback within 2 minutes")
        server.shutdown()
        return received["url"]

    return f"http://127.0.0.1:{server.server_port}/callback", callback_url


def token_request(base_url, client_id, client_secret, grant_type, **fields):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if client_secret:
        pair = f"{client_id}:{client_secret}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
    else:
        fields["client_id"] = client_id
    body = prepare_token_request(grant_type, **fields)
    return http_json("POST", f"{base_url}/api/auth/oauth2/token", body.encode(), headers)


def main():
    base_url, client_id = sys.argv[1].rstrip("/"), sys.argv[2]
    client_secret = sys.argv[3] if len(sys.argv) > 3 else None
    metadata = http_json("GET", f"{base_url}/.well-known/oauth-authorization-server")[1]

    redirect_uri, callback_url = wait_for_callback()
    state = generate_token(24)
    verifier = generate_token(64)
    url = prepare_grant_uri(
        metadata["authorization_endpoint"],
        client_id,
        "code",
        redirect_uri=redirect_uri,
        scope=SCOPE,
        state=state,
        code_challenge=create_s256_code_challenge(verifier),
        code_challenge_method="S256",
    )
    print(f"open: {url}", flush=True)

    # Authlib checks the state (a forged callback raises MismatchingStateException).
    code = parse_authorization_code_response(callback_url(), state=state)["code"]
    status, tokens = token_request(
        base_url, client_id, client_secret, "authorization_code",
        code=code, redirect_uri=redirect_uri, code_verifier=verifier,
    )
    if status != 200:
        raise SystemExit(f"token exchange answered {status}: {tokens}")

    def api(method, path, body=None):
        headers = {"Authorization": f"Bearer {tokens['access_token']}", "Content-Type": "application/json"}
        return http_json(method, f"{base_url}{path}", json.dumps(body).encode() if body else None, headers)

    created_status, created = api("POST", "/api/tasks", {"text": "Ring the plumber tomorrow p1"})
    listed_status, listed = api("GET", "/api/tasks")

    first_refresh = tokens["refresh_token"]
    refresh_status, refreshed = token_request(
        base_url, client_id, client_secret, "refresh_token", refresh_token=first_refresh
    )
    if refresh_status != 200:
        raise SystemExit(f"refresh answered {refresh_status}: {refreshed}")
    tokens = refreshed
    reused_status = token_request(
        base_url, client_id, client_secret, "refresh_token", refresh_token=first_refresh
    )[0]
    after_refresh_status = api("GET", "/api/tasks")[0]

    print(json.dumps({
        "scope": tokens["scope"],
        "created": [created_status, created.get("title"), created.get("priority")],
        "listed": [listed_status, [task["title"] for task in listed["tasks"]]],
        "refresh_rotated": refreshed["refresh_token"] != first_refresh,
        "old_refresh_token": reused_status,
        "after_refresh": after_refresh_status,
        "access_token": tokens["access_token"],
        "refresh_token": tokens["refresh_token"],
    }), flush=True)


if __name__ == "__main__":
    main()
