#!/usr/bin/env python3
"""A Tasklane client with the standard library and PyJWT only.

Usage: python3 tasklane_client.py BASE_URL [API_KEY]   (or the key in TASKLANE_API_KEY)

It trades the API key for a JWT, verifies that JWT against the server's published keys
(as a service that receives the token would), then, with the key, lists the projects,
creates a project and a task in it (with a checklist of steps), lists that project's tasks,
ticks a step, completes the task, moves it to the Inbox, invites someone to the project (and
revokes the invitation), and deletes the task and the project.
"""
import json
import os
import sys
import urllib.error
import urllib.request

import jwt  # PyJWT (Debian: python3-jwt; RS256 needs python3-cryptography)


def call(base_url, key, method, path, body=None):
    """One API request; returns (status, parsed JSON or None)."""
    headers = {"Authorization": f"Bearer {key}", "Accept": "application/json"}
    data = None
    if body is not None:
        headers["Content-Type"] = "application/json"
        data = json.dumps(body).encode()
    request = urllib.request.Request(base_url + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read()
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        problem = json.loads(error.read() or b"{}")
        raise SystemExit(f"{method} {path}: {error.code} {problem.get('detail', '')}") from None


# --- README: verify a token (start)
def verify_token(base_url, token):
    """The token's claims if Tasklane signed it for this audience and it has not expired."""
    keys = jwt.PyJWKClient(f"{base_url}/.well-known/jwks.json")
    signing_key = keys.get_signing_key_from_jwt(token)
    return jwt.decode(
        token,
        signing_key.key,
        algorithms=["RS256"],  # pinned: never take the algorithm from the token
        audience=base_url,  # JWT_AUDIENCE, the server's origin by default
        issuer=base_url,  # JWT_ISSUER, the same by default
    )
# --- README: verify a token (end)


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    base_url = sys.argv[1].rstrip("/")
    key = sys.argv[2] if len(sys.argv) > 2 else os.environ.get("TASKLANE_API_KEY", "")
    if not key.startswith("tl_"):
        raise SystemExit("Give an API key (tl_…) from Settings → API keys")

    _, minted = call(base_url, key, "POST", "/api/auth/token")
    claims = verify_token(base_url, minted["token"])
    print(f"token verified: user {claims['sub']} ({claims['email']}), scope {claims['scope']!r}")

    _, page = call(base_url, key, "GET", "/api/tasks?limit=5")
    print(f"listed {len(page['tasks'])} task(s)")

    _, listed = call(base_url, key, "GET", "/api/projects")
    inbox = next(project for project in listed["projects"] if project["inbox"])
    print(f"projects: {', '.join(project['name'] for project in listed['projects'])}")

    status, project = call(base_url, key, "POST", "/api/projects", {"name": "From Python", "color": "teal"})
    print(f"created project {project['name']!r} ({status})")

    _, me = call(base_url, key, "PATCH", "/api/me", {"timeZone": "Europe/Berlin"})
    print(f"account time zone: {me['timeZone']}")

    # Due at 09:00 in the account's zone (Berlin); dueAt is the instant, read-only.
    task_body = {
        "title": "Written in Python",
        "priority": "high",
        "projectId": project["id"],
        "dueDate": "2027-01-15",
        "dueTime": "09:00",
        "steps": [{"text": "Import json"}, {"text": "Call the API"}],  # a checklist, in order
    }
    status, task = call(base_url, key, "POST", "/api/tasks", task_body)
    print(f"created {task['id']} ({status}) with {len(task['steps'])} steps")
    print(f"due {task['dueDate']} {task['dueTime']} {task['timeZone']} = {task['dueAt']}")

    _, today = call(base_url, key, "GET", "/api/tasks?view=today")
    print(f"today (overdue and due today): {len(today['tasks'])} task(s)")

    # Quick add: the text is read for a date, a repeat (an RRULE), labels and a priority.
    _, rent = call(base_url, key, "POST", "/api/tasks", {"text": "Pay rent every month on the 1st p1"})
    repeat = rent["repeat"]
    print(f"quick add: {rent['title']}, due {rent['dueDate']}, repeat {repeat['rule']} ({repeat['mode']}), priority {rent['priority']}")

    _, page = call(base_url, key, "GET", f"/api/tasks?project={project['id']}")
    print(f"{project['name']} holds {len(page['tasks'])} task(s)")

    # Steps are written as a whole list: send every step back, with its id to keep it.
    steps = [{**step, "done": True} if index == 0 else step for index, step in enumerate(task["steps"])]
    _, task = call(base_url, key, "PATCH", f"/api/tasks/{task['id']}", {"steps": steps})
    done = sum(step["done"] for step in task["steps"])
    print(f"steps done: {done}/{len(task['steps'])}")

    _, task = call(base_url, key, "PATCH", f"/api/tasks/{task['id']}/complete")
    print(f"completed: {task['completed']}")

    _, moved = call(base_url, key, "POST", "/api/tasks/bulk", {"ids": [task["id"]], "action": "move", "projectId": inbox["id"]})
    print(f"moved to the Inbox: {moved['tasks'][0]['projectId'] == inbox['id']}")

    status, _ = call(base_url, key, "DELETE", f"/api/tasks/{task['id']}")
    print(f"deleted ({status})")

    # Sharing: invite an address with a role (a mail with a 7-day link goes out, the same whether
    # or not it has an account); the invitee accepts in the browser. Pending ones can be revoked.
    invitations = f"/api/projects/{project['id']}/invitations"
    status, invitation = call(base_url, key, "POST", invitations, {"email": "friend@example.com", "role": "editor"})
    print(f"invited {invitation['email']} as {invitation['role']} ({status}), until {invitation['expiresAt']}")
    _, pending = call(base_url, key, "GET", invitations)
    print(f"pending invitations: {len(pending['invitations'])}")
    status, _ = call(base_url, key, "DELETE", f"{invitations}/{invitation['id']}")
    print(f"revoked the invitation ({status})")

    status, _ = call(base_url, key, "DELETE", f"/api/projects/{project['id']}")
    print(f"deleted project ({status})")


if __name__ == "__main__":
    main()
