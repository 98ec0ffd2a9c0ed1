import { APIError } from "better-auth/api";
import { describe, expect, it } from "vitest";
import { describeAuthError, PASSWORD_TOO_WEAK, TOO_MANY_ATTEMPTS, unexpectedErrorMessage } from "~/auth/errors";

const apiError = (status: ConstructorParameters<typeof APIError>[0], code: string, message = "internal wording") =>
  new APIError(status, { code, message });

describe("describeAuthError", () => {
  it("maps Better Auth codes to messages for people, keeping the status", () => {
    expect(describeAuthError(apiError("UNAUTHORIZED", "INVALID_EMAIL_OR_PASSWORD"))).toEqual({
      code: "INVALID_EMAIL_OR_PASSWORD",
      status: 401,
      message: "Invalid email or password.",
    });
    expect(describeAuthError(apiError("UNPROCESSABLE_ENTITY", "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL"))?.message).toBe(
      "An account with this email already exists.",
    );
    expect(describeAuthError(apiError("BAD_REQUEST", "INVALID_PASSWORD"))?.message).toBe(
      "That password is not correct.",
    );
    expect(describeAuthError(apiError("UNAUTHORIZED", "UNAUTHORIZED"))?.message).toMatch(/sign in again/i);
  });

  it("passes through the user-ready messages of our own hooks", () => {
    const limited = apiError(
      "TOO_MANY_REQUESTS",
      TOO_MANY_ATTEMPTS,
      "Too many attempts. Please wait 30 seconds and try again.",
    );
    expect(describeAuthError(limited)).toEqual({
      code: TOO_MANY_ATTEMPTS,
      status: 429,
      message: "Too many attempts. Please wait 30 seconds and try again.",
    });
    expect(describeAuthError(apiError("BAD_REQUEST", PASSWORD_TOO_WEAK, "Password needs a digit."))?.message).toBe(
      "Password needs a digit.",
    );
  });

  it("returns null for unknown codes and for errors that are not Better Auth's", () => {
    expect(describeAuthError(apiError("INTERNAL_SERVER_ERROR", "SOMETHING_NEW"))).toBeNull();
    expect(describeAuthError(new Error("connection refused"))).toBeNull();
    expect(describeAuthError("boom")).toBeNull();
    expect(describeAuthError(null)).toBeNull();
  });

  it("gives unexpected errors a generic message with the request id and no detail", () => {
    expect(unexpectedErrorMessage("req-123")).toBe(
      "Something went wrong on our side. Please try again in a moment. (Reference: req-123)",
    );
  });
});
