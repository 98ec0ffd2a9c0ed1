import { z } from "zod";

/** Settings › Keyboard shortcuts (its own route): the checkbox is present only when ticked. */
export const KeyboardShortcutsSchema = z.object({ keyboardShortcuts: z.boolean().default(false) });
