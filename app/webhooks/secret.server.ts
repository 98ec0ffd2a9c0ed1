// An endpoint's signing secret (decision 120): an HMAC of its id and nonce under a key derived
// from BETTER_AUTH_SECRET, in Standard Webhooks' shape (whsec_ and 32 bytes in base64). The
// table holds the nonce only; the secret is shown to the owner once, when the endpoint is made.
import { createHmac, hkdfSync } from "node:crypto";
import { config } from "~/config.server";

let key: Buffer | null = null;
function secretKey(): Buffer {
  key ??= Buffer.from(hkdfSync("sha256", config.BETTER_AUTH_SECRET, "", "tasklane webhook secrets", 32));
  return key;
}

export function webhookSecret(id: string, nonce: string): string {
  return `whsec_${createHmac("sha256", secretKey()).update(`${id}.${nonce}`).digest("base64")}`;
}
