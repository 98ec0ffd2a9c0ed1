import { expect, it } from "vitest";
import { CLIENT_CLOSED_REQUEST, loggedStatus } from "../../server/request-log";

it("logs the status sent, or 499 when the response never finished", () => {
  expect(loggedStatus({ writableFinished: true, statusCode: 201 })).toBe(201);
  expect(loggedStatus({ writableFinished: false, statusCode: 200 })).toBe(CLIENT_CLOSED_REQUEST);
  expect(CLIENT_CLOSED_REQUEST).toBe(499);
});
