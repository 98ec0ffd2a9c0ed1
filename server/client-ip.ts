// The client's address as the app sees it (x-client-ip): Better Auth's rate limits, our attempt
// limits, session records and the audit log all read this one value (decision 007).

/**
 * The socket's peer, or, behind `trustedProxies` proxies of our own, the address the outermost
 * of them received from. Each trusted proxy appends the address it received from to
 * X-Forwarded-For, so hops are counted from the right: whatever a client wrote to the left of
 * them changes nothing.
 */
export function clientIp(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedProxies: number,
): string {
  const socketIp = socketAddress ?? "";
  if (trustedProxies === 0) return socketIp;
  const forwarded = String(forwardedFor ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  return forwarded[forwarded.length - trustedProxies] ?? forwarded[0] ?? socketIp;
}
