/**
 * Where this process is in its life. The production server (server/main.ts) moves it along;
 * under the Vite dev server and in tests nothing does, so it stays "serving".
 *
 * - starting: listening, but the database is not ready or not migrated: only /healthz and
 *   /readyz are answered, everything else gets 503.
 * - serving: the normal state.
 * - stopping: a signal arrived: requests already sent are still served, /readyz says 503.
 */
export type Phase = "starting" | "serving" | "stopping";

let phase: Phase = "serving";

export const currentPhase = (): Phase => phase;

export function enterPhase(next: Phase): void {
  phase = next;
}
