// Where a webhook may be sent (decision 120, SSRF): https only unless WEBHOOK_ALLOW_HTTP; no
// user name or password in the URL; and every address the host resolves to must be a public
// unicast one (not loopback, private, link-local, which holds the cloud metadata address
// 169.254.169.254, unique-local, carrier-grade NAT, multicast, reserved…) unless
// WEBHOOK_ALLOW_PRIVATE. Checked when an endpoint is added or changed, and again at every
// delivery by the connection's own DNS lookup (guardedLookup), so a name that resolves to a
// public address at creation and to 127.0.0.1 later (DNS rebinding) is refused at delivery.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { config } from "~/config.server";

/** Whether an address may be reached: public unicast only, unless the operator allows private ones. */
export function addressAllowed(address: string): boolean {
  if (config.WEBHOOK_ALLOW_PRIVATE) return true;
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === "unicast";
}

export class WebhookAddressError extends Error {}

/** The URL's problem for a webhook, without looking the host up (scheme, credentials). */
export function urlShapeProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "The URL must be an absolute https:// URL";
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && config.WEBHOOK_ALLOW_HTTP))
    return config.WEBHOOK_ALLOW_HTTP
      ? "The URL must start with https:// or http://"
      : "The URL must start with https://";
  if (url.username || url.password) return "The URL cannot carry a user name or password";
  if (url.hash) return "The URL cannot have a #fragment";
  return null;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

/** Everything wrong with a webhook URL, the host's addresses included; null when it may be used. */
export async function webhookUrlProblem(raw: string): Promise<string | null> {
  const shape = urlShapeProblem(raw);
  if (shape) return shape;
  const host = hostOf(new URL(raw));
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await resolveAll(host)).map((entry) => entry.address);
  } catch {
    return `The host ${host} could not be found`;
  }
  if (addresses.length === 0) return `The host ${host} could not be found`;
  if (!addresses.every(addressAllowed))
    return "The URL's host is a private, loopback, link-local or metadata address: webhooks go to public addresses only";
  return null;
}

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request: resolves as usual and refuses the connection when any address
 * the name has is not allowed, so the address connected to is the one checked.
 */
export function guardedLookup(hostname: string, options: { all?: boolean }, callback: LookupCallback): void {
  dnsLookup(hostname, { all: true }, (error, addresses) => {
    if (error) return callback(error, options.all ? [] : "");
    const refused = addresses.find((entry) => !addressAllowed(entry.address));
    if (refused || addresses.length === 0) {
      const denied = new WebhookAddressError(`refused: ${hostname} resolves to a private or reserved address`);
      return callback(denied as NodeJS.ErrnoException, options.all ? [] : "");
    }
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}
