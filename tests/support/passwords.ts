// The passwords the tests sign people up with and change to. Each meets the password policy
// (upper, lower, digit, special, 8+ characters), so a refusal in a test is the rule under test.
export const PASSWORD = "Str0ng!password";
export const NEW_PASSWORD = "N3w!password";
