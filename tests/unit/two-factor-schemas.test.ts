// What the two-factor forms accept before anything reaches Better Auth.
import { describe, expect, it } from "vitest";
import {
  ConfirmTotpSchema,
  SignInBackupCodeSchema,
  SignInTotpSchema,
  TwoFactorPasswordSchema,
} from "~/auth/two-factor-schemas";

describe("authenticator codes", () => {
  it.each(["123456", " 123 456 ", "12 34 56"])("accepts %j as 123456", (code) => {
    expect(ConfirmTotpSchema.parse({ code })).toEqual({ code: "123456" });
  });

  it.each([undefined, "", "12345", "1234567", "12345a", "１２３４５６", "123456\u0000"])(
    "refuses %j with one message",
    (code) => {
      const result = SignInTotpSchema.safeParse({ method: "totp", code });
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.message)).toEqual([
        "Enter the 6-digit code from your authenticator app.",
      ]);
    },
  );

  it("trusts the device only when asked", () => {
    expect(SignInTotpSchema.parse({ method: "totp", code: "123456" }).trustDevice).toBe(false);
    expect(SignInTotpSchema.parse({ method: "totp", code: "123456", trustDevice: true }).trustDevice).toBe(true);
  });
});

describe("backup codes", () => {
  it.each(["abcde-12345", "abcde12345", " abcde-12345 ", "ABCDE 12345"])("accepts %j in Better Auth's form", (code) => {
    const parsed = SignInBackupCodeSchema.parse({ method: "backup-code", code });
    expect(parsed.code).toBe(
      code
        .trim()
        .replace(/\s+/g, "")
        .replace(/^(.{5})-?/, "$1-"),
    );
  });

  it.each(["", "abcd-12345", "abcde-123456", "<script>", "abcde_12345"])("refuses %j", (code) => {
    expect(SignInBackupCodeSchema.safeParse({ method: "backup-code", code }).success).toBe(false);
  });
});

it("the settings forms need a known intent and a password", () => {
  expect(TwoFactorPasswordSchema.safeParse({ intent: "enable", password: "x" }).success).toBe(true);
  expect(TwoFactorPasswordSchema.safeParse({ intent: "delete-everything", password: "x" }).success).toBe(false);
  expect(TwoFactorPasswordSchema.safeParse({ intent: "disable" }).success).toBe(false);
});
