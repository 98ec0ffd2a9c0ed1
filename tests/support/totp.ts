// RFC 6238 codes computed the way an authenticator app does, from the base32 secret a page or
// an otpauth:// URI shows: the tests never read the secret from the database.
import { createHmac } from "node:crypto";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, "").toUpperCase();
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of clean) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** The 6-digit code for `at` (ms since the epoch; now by default), 30-second periods, SHA-1. */
export function totpCode(secretBase32: string, at = Date.now()): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const hmac = createHmac("sha1", base32Decode(secretBase32)).update(counter).digest();
  const offset = hmac[hmac.length - 1]! & 0x0f;
  const number = hmac.readUInt32BE(offset) & 0x7fffffff;
  return String(number % 1_000_000).padStart(6, "0");
}

/** The base32 secret of an otpauth:// URI. */
export function secretOfUri(uri: string): string {
  return new URL(uri).searchParams.get("secret") ?? "";
}

/**
 * A code of the step before the current one, which the server still accepts (one step either
 * side), for setting two-factor up: each code works once (RFC 6238 §5.2), so this leaves the
 * current step's code to the sign-in that follows. In a step's last seconds it waits for the
 * next, so the code is still in the window when it arrives.
 */
export async function previousStepCode(secretBase32: string): Promise<string> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < 5_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
  return totpCode(secretBase32, Date.now() - 30_000);
}
