"""(Not named fastapi.py: Python would import this file as the fastapi package.)
The plans' API as they describe it, for bench scenario 1f (issue 41): FastAPI on one uvicorn
process with uvloop and httptools, PyJWT verifying each request's RS256 token against the app's
JWKS (algorithm pinned, audience and issuer checked), an asyncpg pool of 4-10, and the task's
nine columns as JSON. Not part of the product: a yardstick the bench compares the app with.

    DATABASE_URL=postgres://... APP_URL=http://127.0.0.1:PORT PORT=... /usr/bin/python3 bench/peers/fastapi_peer.py

Prints "ready" on stdout once it listens.
"""

import json
import os
import sys
import urllib.request

import asyncpg
import jwt
import uvicorn
from fastapi import Depends, FastAPI, Header, HTTPException
from fastapi.responses import JSONResponse

DATABASE_URL = os.environ["DATABASE_URL"]
APP_URL = os.environ["APP_URL"].rstrip("/")
PORT = int(os.environ["PORT"])

# The app's public keys, fetched once at start (the app signs with one of them).
with urllib.request.urlopen(f"{APP_URL}/api/auth/jwks") as response:
    JWKS = jwt.PyJWKSet.from_dict(json.load(response))
KEYS = {key.key_id: key.key for key in JWKS.keys}

app = FastAPI()
pool: asyncpg.Pool | None = None


@app.on_event("startup")
async def open_pool() -> None:
    global pool
    pool = await asyncpg.create_pool(DATABASE_URL, min_size=4, max_size=10)
    print("ready", flush=True)


def current_user(authorization: str = Header(default="")) -> str:
    token = authorization.removeprefix("Bearer ")
    try:
        kid = jwt.get_unverified_header(token).get("kid")
        claims = jwt.decode(
            token,
            KEYS[kid],
            algorithms=["RS256"],
            audience=APP_URL,
            issuer=APP_URL,
            leeway=30,
        )
    except (jwt.PyJWTError, KeyError) as error:
        raise HTTPException(status_code=401, detail="invalid token") from error
    return claims["sub"]


LIST = """
    select id, user_id, title, description, completed, priority, due_date, created_at, updated_at
    from task where user_id = $1 order by created_at desc limit 50
"""


# Serialised with json.dumps (JSONResponse), not through a response model and jsonable_encoder,
# which cost this peer more than half its throughput: the yardstick is the fastest plain form.
@app.get("/api/{user_id}/tasks", response_class=JSONResponse)
async def list_tasks(user_id: str, sub: str = Depends(current_user)) -> JSONResponse:
    if user_id != sub:
        raise HTTPException(status_code=403, detail="not your tasks")
    assert pool is not None
    rows = await pool.fetch(LIST, user_id)
    return JSONResponse([
        {
            "id": str(row["id"]),
            "user_id": str(row["user_id"]),
            "title": row["title"],
            "description": row["description"],
            "completed": row["completed"],
            "priority": row["priority"],
            "due_date": row["due_date"].isoformat() if row["due_date"] else None,
            "created_at": row["created_at"].isoformat(),
            "updated_at": row["updated_at"].isoformat(),
        }
        for row in rows
    ])


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)
    uvicorn.run(app, host="127.0.0.1", port=PORT, loop="uvloop", http="httptools", access_log=False, log_level="warning")
