export const BENCH_PASSWORD = "Bench!Passw0rd-2026";
export const benchEmail = (index) => `bench-user-${index}@example.test`;
/** The one person with projects to look at (scenario 1j): 2,000 tasks, 200 in "Focus". */
export const BENCH_PROJECTS_USER = "projects";
