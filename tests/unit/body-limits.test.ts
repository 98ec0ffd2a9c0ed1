import { describe, expect, it } from "vitest";
import { bodyRefusal, MAX_BODY_BYTES } from "../../server/body-limits";

const form = { "content-type": "application/x-www-form-urlencoded" };
const json = { "content-type": "application/json" };

describe("bodies refused before a route reads them", () => {
  it("lets requests without a body through", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(bodyRefusal(method, "/tasks", { "content-length": String(MAX_BODY_BYTES + 1) })).toBeNull();
    }
  });

  it("refuses a declared length over 1 MiB anywhere, and takes one of exactly 1 MiB", () => {
    for (const path of ["/tasks", "/api/tasks", "/api/auth/sign-in/email"]) {
      expect(bodyRefusal("POST", path, { ...json, ...form, "content-length": String(MAX_BODY_BYTES + 1) })).toEqual({
        status: 413,
        detail: `The request body must be at most ${MAX_BODY_BYTES} bytes.`,
      });
    }
    expect(bodyRefusal("POST", "/tasks", { ...form, "content-length": String(MAX_BODY_BYTES) })).toBeNull();
  });

  it("asks for a length where the reader needs one: pages and Better Auth's endpoints, not the JSON API", () => {
    const chunked = { "transfer-encoding": "chunked" };
    expect(bodyRefusal("POST", "/tasks", { ...form, ...chunked })?.status).toBe(411);
    expect(bodyRefusal("POST", "/api/auth/sign-in/email", { ...json, ...chunked })?.status).toBe(411);
    expect(bodyRefusal("POST", "/api/tasks", { ...json, ...chunked })).toBeNull();
    expect(bodyRefusal("PATCH", "/api/tasks/x", { ...json, ...chunked })).toBeNull();
  });

  it("takes only urlencoded forms on pages, whatever the parameters or case", () => {
    expect(
      bodyRefusal("POST", "/tasks", { "content-type": "Application/X-WWW-Form-Urlencoded; charset=UTF-8" }),
    ).toBeNull();
    for (const type of ["multipart/form-data; boundary=X", "application/json", "text/plain", undefined]) {
      expect(bodyRefusal("POST", "/sign-in", type ? { "content-type": type } : {})).toEqual({
        status: 415,
        detail: "Forms must be sent as application/x-www-form-urlencoded.",
      });
    }
    // The JSON API and /.well-known/ check media types themselves.
    expect(bodyRefusal("POST", "/api/tasks", { "content-type": "text/plain" })).toBeNull();
    expect(bodyRefusal("POST", "/.well-known/jwks.json", {})).toBeNull();
  });
});
