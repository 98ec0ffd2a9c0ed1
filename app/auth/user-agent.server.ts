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
  const osName = os.name ? [os.name, os.name === "macOS" ? null : (os.versionName ?? os.version?.split(".")[0])].filter(Boolean).join(" ") : null;
  const label =
    browserName && osName ? `${browserName} on ${osName}` : (browserName ?? osName ?? userAgent.slice(0, 60));
  const kind = platform.type === "desktop" || platform.type === "mobile" || platform.type === "tablet" ? platform.type : "other";
  return { label, kind };
}
