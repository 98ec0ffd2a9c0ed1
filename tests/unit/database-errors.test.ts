import { describe, expect, it } from "vitest";
import { databaseOutageReason, statementErrorKind } from "~/database-errors.server";

const pgError = (code: string, message = "server said no") => Object.assign(new Error(message), { code });

describe("databaseOutageReason", () => {
  it("recognises an unreachable or refusing database, through the wrappers around the driver's error", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    // Drizzle wraps the driver's error; a host with several addresses gives an AggregateError.
    expect(databaseOutageReason(new Error("Failed query: select 1", { cause: refused }))).toBe("ECONNREFUSED");
    expect(databaseOutageReason(new AggregateError([refused, refused]))).toBe("ECONNREFUSED");
    expect(databaseOutageReason(pgError("57P01"))).toBe("57P01 admin shutdown");
    expect(databaseOutageReason(pgError("57P03"))).toBe("57P03 cannot connect now");
    expect(databaseOutageReason(pgError("53300"))).toBe("53300 too many connections");
    expect(databaseOutageReason(pgError("57014"))).toBe("57014 statement timeout");
    expect(databaseOutageReason(pgError("08006"))).toBe("08006 connection exception");
    expect(databaseOutageReason(new Error("Connection terminated unexpectedly"))).toBe("connection terminated");
    expect(databaseOutageReason(new Error("timeout exceeded when trying to connect"))).toBe("pool timeout");
    // Better Auth's wrapper around a failed session lookup.
    const apiError = Object.assign(new Error("Failed to get session"), { status: "INTERNAL_SERVER_ERROR" });
    expect(databaseOutageReason(Object.assign(apiError, { cause: pgError("57P01") }))).toBe("57P01 admin shutdown");
  });

  it("leaves every other error to be a 500 (or the caller's own answer)", () => {
    expect(databaseOutageReason(pgError("23505", "duplicate key value"))).toBeNull();
    expect(databaseOutageReason(pgError("42601", "syntax error"))).toBeNull();
    expect(databaseOutageReason(new TypeError("cannot read properties of undefined"))).toBeNull();
    expect(databaseOutageReason("a string")).toBeNull();
    expect(databaseOutageReason(null)).toBeNull();
    // A cycle of causes ends.
    const looped: Error & { cause?: unknown } = new Error("loop");
    looped.cause = looped;
    expect(databaseOutageReason(looped)).toBeNull();
  });
});

describe("statementErrorKind (the metrics' label)", () => {
  it("names a refused statement by what it means to an operator, through Drizzle's wrapper", () => {
    const wrapped = (code: string) => new Error("Failed query: insert ...", { cause: pgError(code) });
    expect(statementErrorKind(wrapped("23505"))).toBe("unique_violation");
    expect(statementErrorKind(wrapped("23503"))).toBe("foreign_key_violation");
    expect(statementErrorKind(pgError("23514"))).toBe("integrity_violation");
    expect(statementErrorKind(pgError("57014"))).toBe("timeout");
    expect(statementErrorKind(pgError("57P01"))).toBe("unavailable");
    expect(statementErrorKind(new Error("Connection terminated unexpectedly"))).toBe("unavailable");
    expect(statementErrorKind(pgError("40001"))).toBe("serialization_failure");
    expect(statementErrorKind(pgError("22P02"))).toBe("data_exception");
    expect(statementErrorKind(pgError("42P01"))).toBe("syntax_or_access");
    expect(statementErrorKind(pgError("XX000"))).toBe("other");
    expect(statementErrorKind(new Error("no code"))).toBe("other");
  });
});
