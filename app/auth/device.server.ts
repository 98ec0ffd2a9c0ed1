import Bowser from "bowser";

export interface DeviceDescription {
  /** "Chrome 142 on macOS", or a plain fallback when the user agent says too little. */
  label: string;
  kind: "desktop" | "mobile" | "tablet" | "other";
}

/** A short, human description of the browser and OS behind a session's user agent. */
export function describeUserAgent(userAgent: string | null | undefined): DeviceDescription {
  if (!userAgent) return { label: "Unknown device", kind: "other" };
  const { browser, os, platform } = Bowser.parse(userAgent);
  const browserName = browser.name ? [browser.name, browser.version?.split(".")[0]].filter(Boolean).join(" ") : null;
  const osName = os.name
    ? [os.name, os.name === "macOS" ? null : (os.versionName ?? os.version?.split(".")[0])].filter(Boolean).join(" ")
    : null;
  const label =
    browserName && osName ? `${browserName} on ${osName}` : (browserName ?? osName ?? userAgent.slice(0, 60));
  const kind =
    platform.type === "desktop" || platform.type === "mobile" || platform.type === "tablet" ? platform.type : "other";
  return { label, kind };
}

/**
 * The address as people write it: Better Auth stores IPv6 fully expanded
 * ("0000:0000:…:0001"), which is unreadable in a list; this gives "::1".
 */
export function formatIpAddress(ip: string | null | undefined): string | null {
  if (!ip) return null;
  if (!ip.includes(":") || ip.includes("::") || ip.includes(".")) return ip;
  const groups = ip.split(":").map((group) => group.replace(/^0+(?=.)/, "").toLowerCase());
  if (groups.length !== 8) return ip;
  // Replace the longest run (two or more) of zero groups with "::", as RFC 5952 says.
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === "0") length++;
    if (length > bestLength) [bestStart, bestLength] = [start, length];
  }
  if (bestStart === -1) return groups.join(":");
  return `${groups.slice(0, bestStart).join(":")}::${groups.slice(bestStart + bestLength).join(":")}`;
}

interface SessionRow {
  id: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/** Sessions as the settings page lists them: this device first, the others in the order given. */
export function describeSessions(sessions: readonly SessionRow[], currentSessionId: string) {
  return (
    sessions
      .map((entry) => {
        const device = describeUserAgent(entry.userAgent);
        return {
          id: entry.id,
          device: device.label,
          kind: device.kind,
          ipAddress: formatIpAddress(entry.ipAddress),
          createdAt: entry.createdAt.toISOString(),
          expiresAt: entry.expiresAt.toISOString(),
          current: entry.id === currentSessionId,
        };
      })
      // A stable sort: the others stay most recently signed in first.
      .sort((a, b) => Number(b.current) - Number(a.current))
  );
}

/** Audit rows as the settings page's security activity shows them. */
export function describeSecurityEvents<Event extends string>(
  events: readonly { id: string; event: Event; userAgent: string | null; ipAddress: string | null; createdAt: Date }[],
) {
  return events.map((entry) => ({
    id: entry.id,
    event: entry.event,
    device: describeUserAgent(entry.userAgent).label,
    ipAddress: formatIpAddress(entry.ipAddress),
    createdAt: entry.createdAt.toISOString(),
  }));
}
