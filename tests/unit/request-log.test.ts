import { expect, it } from "vitest";
import { CLIENT_CLOSED_REQUEST, loggedPath, loggedStatus } from "../../server/request-log";

it("logs the status sent, or 499 when the response never finished", () => {
  expect(loggedStatus({ writableFinished: true, statusCode: 201 })).toBe(201);
  expect(loggedStatus({ writableFinished: false, statusCode: 200 })).toBe(CLIENT_CLOSED_REQUEST);
  expect(CLIENT_CLOSED_REQUEST).toBe(499);
});

it("logs an invitation's path without its token (a working link), and every other path as it is", () => {
  const token = "k3Yq9Zr_x8-PqLmN0aBcDeFgHiJkLmNoPqRsTuVwXyZ";
  expect(loggedPath(`/invitations/${token}`)).toBe("/invitations/:token");
  expect(loggedPath(`/invitations/${token}.data`)).toBe("/invitations/:token");
  expect(loggedPath(`/api/invitations/${token}/accept`)).toBe("/api/invitations/:token/accept");
  expect(loggedPath("/projects/1/invitations")).toBe("/projects/1/invitations");
  expect(loggedPath("/tasks")).toBe("/tasks");
});
