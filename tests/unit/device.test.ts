import { describe, expect, it } from "vitest";
import { describeUserAgent, formatIpAddress } from "~/auth/device.server";

describe("describeUserAgent", () => {
  it("names browser and OS", () => {
    expect(
      describeUserAgent(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36",
      ),
    ).toEqual({ label: "Chrome 142 on macOS", kind: "desktop" });
    expect(
      describeUserAgent(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
      ),
    ).toEqual({ label: "Safari 17 on iOS 17", kind: "mobile" });
  });

  it("falls back when the user agent says little or nothing", () => {
    expect(describeUserAgent(null)).toEqual({ label: "Unknown device", kind: "other" });
    expect(describeUserAgent("curl/8.0").label).toBe("curl/8.0");
  });
});

describe("formatIpAddress", () => {
  it("compresses fully expanded IPv6 and leaves the rest alone", () => {
    expect(formatIpAddress("0000:0000:0000:0000:0000:0000:0000:0001")).toBe("::1");
    expect(formatIpAddress("2001:0db8:0000:0000:0000:ff00:0042:8329")).toBe("2001:db8::ff00:42:8329");
    expect(formatIpAddress("2001:0db8:0001:0002:0003:0004:0005:0006")).toBe("2001:db8:1:2:3:4:5:6");
    expect(formatIpAddress("203.0.113.9")).toBe("203.0.113.9");
    expect(formatIpAddress(null)).toBeNull();
  });
});
