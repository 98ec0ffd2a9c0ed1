import { describe, expect, it } from "vitest";
import { clientIp } from "../../server/client-ip";

describe("the client IP", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientIp("203.0.113.7", "198.51.100.1", 0)).toBe("203.0.113.7");
    expect(clientIp(undefined, undefined, 0)).toBe("");
  });

  it("counts trusted hops from the right, so entries a client wrote to the left change nothing", () => {
    // The client claims 1.1.1.1; our one proxy appended the address it really received from.
    expect(clientIp("10.0.0.2", "1.1.1.1, 203.0.113.7", 1)).toBe("203.0.113.7");
    // Two proxies of ours: the outer one's peer is second from the right.
    expect(clientIp("10.0.0.3", "1.1.1.1, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
  });

  it("takes the leftmost entry when there are fewer than the trusted hops, and the socket when there is none", () => {
    expect(clientIp("10.0.0.2", "203.0.113.7", 2)).toBe("203.0.113.7");
    expect(clientIp("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
    expect(clientIp("10.0.0.2", " , ", 1)).toBe("10.0.0.2");
  });

  it("reads repeated headers as one list", () => {
    expect(clientIp("10.0.0.2", ["1.1.1.1", "203.0.113.7"], 1)).toBe("203.0.113.7");
  });
});
