export const BENCH_PASSWORD = "Bench!Passw0rd-2026";
export const benchEmail = (index) => `bench-user-${index}@example.test`;
