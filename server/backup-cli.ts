// `npm run backup -- FILE` and `npm run restore -- FILE` (decision 075), compiled by `npm run build`
// into build/server/backup-cli.js beside the server.
//
// The commands never use BETTER_AUTH_SECRET, and without one the config module would make one in
// DATA_DIR, which a restore needs empty: a stand-in keeps it from doing so (set before it loads).
process.env.BETTER_AUTH_SECRET ||= "the backup commands use no secret".padEnd(32, ".");
process.env.NODE_ENV = "production";

const { runBackupCommand } = await import("./backup-commands");
process.exitCode = await runBackupCommand(process.argv.slice(2));

export {};
