#!/usr/bin/env python3
"""A Tasklane client with the standard library and PyJWT only.

Usage: python3 tasklane_client.py BASE_URL [API_KEY]   (or the key in TASKLANE_API_KEY)

It trades the API key for a JWT, verifies that JWT against the server's published keys
(as a service that receives the token would), then, with the key, lists the projects,
creates a project and a task in it (with a checklist of steps and two reminders), turns on the
daily digest, lists that project's tasks, ticks a step, completes the task, comments on it (and
edits the comment), reads the project's activity page by page, moves the task to the Inbox,
invites someone to the project (and revokes the invitation), and deletes the task and the project.
Last it exports everything (JSON, streamed to a file), imports a small Todoist CSV (checked
first with dry_run), and shows how a refused file lists its rows.
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


def upload(base_url, key, path, data, content_type):
    """POST a file as the body (POST /api/import); returns (status, parsed JSON) for 2xx and 422 alike."""
    headers = {"Authorization": f"Bearer {key}", "Content-Type": content_type}
    request = urllib.request.Request(base_url + path, data=data, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        if error.code != 422:
            raise SystemExit(f"POST {path}: {error.code} {error.read()[:300]!r}") from None
        return error.code, json.loads(error.read())


def export_to_file(base_url, key, file_name):
    """GET /api/export streamed to a file a chunk at a time (10,000 tasks are a few MB)."""
    request = urllib.request.Request(base_url + "/api/export", headers={"Authorization": f"Bearer {key}"})
    with urllib.request.urlopen(request, timeout=60) as response, open(file_name, "wb") as out:
        while chunk := response.read(64 * 1024):
            out.write(chunk)


TODOIST_CSV = b"""TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE
section,Errands,,,,,,,,
task,Buy stamps @post,,1,1,,,Oct 12 2026,en,Europe/Berlin
task,First class,,4,2,,,,,
"""


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

    # Reminder settings: a date without a time reminds at reminderHour; the digest at its hour.
    _, me = call(base_url, key, "PATCH", "/api/me", {"reminderHour": 8, "digest": {"enabled": True, "hour": 7}})
    print(f"reminder hour {me['reminderHour']}, digest {me['digest']['enabled']} at {me['digest']['hour']}")

    # Due at 09:00 in the account's zone (Berlin); dueAt is the instant, read-only.
    task_body = {
        "title": "Written in Python",
        "priority": "high",
        "projectId": project["id"],
        "dueDate": "2027-01-15",
        "dueTime": "09:00",
        "steps": [{"text": "Import json"}, {"text": "Call the API"}],  # a checklist, in order
        # Reminders by email: ISO 8601 durations before the due time, or a fixed instant.
        "reminders": [{"before": "PT1H"}, {"at": "2027-01-14T18:00:00+01:00"}],
    }
    status, task = call(base_url, key, "POST", "/api/tasks", task_body)
    print(f"created {task['id']} ({status}) with {len(task['steps'])} steps")
    print(f"due {task['dueDate']} {task['dueTime']} {task['timeZone']} = {task['dueAt']}")
    print(f"reminders at: {', '.join(reminder['sendAt'] for reminder in task['reminders'])}")

    _, today = call(base_url, key, "GET", "/api/tasks?view=today")
    print(f"today (overdue and due today): {len(today['tasks'])} task(s)")

    # Quick add: the text is read for a date, a repeat (an RRULE), labels and a priority.
    _, rent = call(base_url, key, "POST", "/api/tasks", {"text": "Pay rent every month on the 1st p1"})
    repeat = rent["repeat"]
    print(f"quick add: {rent['title']}, due {rent['dueDate']}, repeat {repeat['rule']} ({repeat['mode']}), priority {rent['priority']}")

    _, page = call(base_url, key, "GET", f"/api/tasks?project={project['id']}")
    print(f"{project['name']} holds {len(page['tasks'])} task(s)")

    # A repeating task: an RFC 5545 RRULE, from the due date ("due") or from completion
    # ("completion"). Completing it makes the next occurrence.
    repeating = {"title": "Water the plants", "dueDate": "2027-01-04", "repeat": {"rule": "FREQ=WEEKLY;BYDAY=MO", "mode": "due"}}
    _, plants = call(base_url, key, "POST", "/api/tasks", repeating)
    call(base_url, key, "PATCH", f"/api/tasks/{plants['id']}/complete")
    _, nexts = call(base_url, key, "GET", "/api/tasks?repeating=true&status=pending&due_after=2027-01-04&due_before=2027-01-31")
    print(f"next occurrence: {', '.join(t['title'] + ' ' + t['dueDate'] for t in nexts['tasks'])}")

    # Quick add names a project of several words by its name, or quoted.
    _, garden = call(base_url, key, "POST", "/api/tasks", {"text": 'Plan the garden #"From Python" tomorrow 5pm'})
    print(f"quick add into {project['name'] if garden['projectId'] == project['id'] else 'another project'}: {garden['title']} at {garden['dueTime']}")

    # Upcoming: pending tasks due today or later (the account's day), soonest first.
    _, upcoming = call(base_url, key, "GET", "/api/tasks?view=upcoming&sort=due_date")
    print(f"upcoming: {', '.join(t['title'] for t in upcoming['tasks'])}")

    # Steps are written as a whole list: send every step back, with its id to keep it.
    steps = [{**step, "done": True} if index == 0 else step for index, step in enumerate(task["steps"])]
    _, task = call(base_url, key, "PATCH", f"/api/tasks/{task['id']}", {"steps": steps})
    done = sum(step["done"] for step in task["steps"])
    print(f"steps done: {done}/{len(task['steps'])}")

    _, task = call(base_url, key, "PATCH", f"/api/tasks/{task['id']}/complete")
    print(f"completed: {task['completed']}")

    # Comments: plain text; the author edits or deletes their own (admins delete any).
    comments = f"/api/tasks/{task['id']}/comments"
    status, comment = call(base_url, key, "POST", comments, {"body": "Done from Python"})
    print(f"commented ({status}) as {comment['author']['name']}")
    _, comment = call(base_url, key, "PATCH", f"{comments}/{comment['id']}", {"body": "Done, from Python"})
    _, listed = call(base_url, key, "GET", comments)
    print(f"comments: {[each['body'] for each in listed['comments']]}")

    # The project's activity: newest first, a page at a time (follow nextCursor to the end).
    kinds, cursor = [], None
    while True:
        page_path = f"/api/projects/{project['id']}/activity?limit=2" + (f"&cursor={cursor}" if cursor else "")
        _, page = call(base_url, key, "GET", page_path)
        kinds += [entry["kind"] for entry in page["activity"]]
        cursor = page["nextCursor"]
        if not cursor:
            break
    print(f"activity: {', '.join(kinds)}")

    status, _ = call(base_url, key, "DELETE", f"{comments}/{comment['id']}")
    print(f"deleted comment ({status})")

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

    # Export: one JSON document (format, version, labels, projects, tasks in the API's shapes).
    file_name = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"tasklane-export-{os.getpid()}.json")
    export_to_file(base_url, key, file_name)
    with open(file_name, encoding="utf-8") as exported:
        document = json.load(exported)
    os.remove(file_name)
    print(f"exported {document['format']} v{document['version']}: {len(document['projects'])} project(s), {len(document['tasks'])} task(s)")

    # Import: the header tells Todoist's CSV from Tasklane's; dry_run checks without writing.
    _, checked = upload(base_url, key, "/api/import?newProject=From%20Todoist&dry_run=true", TODOIST_CSV, "text/csv")
    status, imported = upload(base_url, key, "/api/import?newProject=From%20Todoist", TODOIST_CSV, "text/csv")
    print(f"import checked ({checked['tasks']} task(s)), then imported ({status}): {imported['projects'][0]['name']}, labels made: {imported['labelsCreated']}")

    # A refused file: 422, nothing written, every row's line and reason.
    bad = TODOIST_CSV + b"task,Morgen,,1,1,,,morgen,de,\n"
    status, problem = upload(base_url, key, "/api/import", bad, "text/csv")
    for error in problem["errors"]:
        print(f"refused ({status}): line {error['line']}: {error['message']}")


if __name__ == "__main__":
    main()
