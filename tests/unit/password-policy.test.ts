import { describe, expect, it } from "vitest";
import { describeUnmetRules, newPasswordSchema, unmetPasswordRules } from "~/auth/password-policy";

const unmet = (password: string) => unmetPasswordRules(password).map((rule) => rule.id);

describe("password policy", () => {
  it("accepts a password meeting every rule", () => {
    expect(unmet("Str0ng!pass")).toEqual([]);
    expect(unmet("Aa1 aaaa")).toEqual([]); // a space counts as a special character
    expect(newPasswordSchema.safeParse("Str0ng!pass").success).toBe(true);
  });

  it("names each missing rule", () => {
    expect(unmet("str0ng!pass")).toEqual(["uppercase"]);
    expect(unmet("STR0NG!PASS")).toEqual(["lowercase"]);
    expect(unmet("Strong!pass")).toEqual(["digit"]);
    expect(unmet("Str0ngpass")).toEqual(["special"]);
    expect(unmet("")).toEqual(["length", "lowercase", "uppercase", "digit", "special"]);
  });

  it("requires 8 to 128 characters", () => {
    expect(unmet("Aa1!aaa")).toEqual(["length"]);
    expect(unmet("Aa1!aaaa")).toEqual([]);
    expect(unmet(`Aa1!${"a".repeat(124)}`)).toEqual([]);
    expect(unmet(`Aa1!${"a".repeat(125)}`)).toEqual(["length"]);
  });

  it("counts non-ASCII letters and symbols", () => {
    expect(unmet("Ébène9€x")).toEqual([]);
  });

  it("explains failures in one sentence", () => {
    expect(describeUnmetRules(unmetPasswordRules("short"))).toBe("Password must be 8 to 128 characters long.");
    expect(describeUnmetRules(unmetPasswordRules("lowercaseonly"))).toBe(
      "Password needs an uppercase letter, a digit and a special character.",
    );
    const result = newPasswordSchema.safeParse("lowercase1!");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Password needs an uppercase letter.");
  });
});
