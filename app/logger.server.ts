import pino from "pino";
import { config } from "~/config.server";

export const logger = pino({
  level: config.LOG_LEVEL,
  // With several workers, each line says which process wrote it.
  base: config.WEB_CONCURRENCY > 1 ? { pid: process.pid } : undefined,
  formatters: { level: (label) => ({ level: label }) },
  timestamp: pino.stdTimeFunctions.isoTime,
  // Secrets never reach the log, whatever a caller passes in.
  redact: {
    paths: [
      "password",
      "*.password",
      "currentPassword",
      "*.currentPassword",
      "newPassword",
      "*.newPassword",
      "token",
      "*.token",
      "headers.authorization",
      "headers.cookie",
      'headers["set-cookie"]',
      "*.headers.authorization",
      "*.headers.cookie",
    ],
    censor: "[redacted]",
  },
});
