// Label rules, shared by the labels page, the task form, the JSON API and the data module.
import { z } from "zod";
import { CONTROL, oneOf } from "~/text-rules";
import { LABEL_COLOR_NAMES, type LabelColor } from "./label-colors";

export const LABEL_NAME_MAX = 32;
/** At most this many labels in one list filter (each adds a condition). */
export const LABEL_FILTER_MAX = 10;

/** A label as the pages and the API show it. */
export interface Label {
  id: string;
  name: string;
  color: LabelColor;
}

/** 1–32 characters after trimming, no control characters. Unique per person ignoring case (checked by the database). */
export const labelName = z
  .string({ error: "Label name is required" })
  .trim()
  .min(1, "Label name is required")
  .max(LABEL_NAME_MAX, `Label name must be at most ${LABEL_NAME_MAX} characters`)
  .refine((value) => !CONTROL.test(value), "Label name cannot contain control characters");

export const labelColor = z.enum(LABEL_COLOR_NAMES, { error: `Colour must be ${oneOf(LABEL_COLOR_NAMES)}` });

/** POST /api/labels and the labels page's "new label" form. Without a colour, the next one of the palette. */
export const LabelInputSchema = z.strictObject({ name: labelName, color: labelColor.optional() });
export type LabelInput = z.output<typeof LabelInputSchema>;

/** PATCH /api/labels/{id} and the labels page's edit form: only the fields given change. */
export const LabelPatchSchema = z.strictObject({ name: labelName.optional(), color: labelColor.optional() });
export type LabelPatch = z.output<typeof LabelPatchSchema>;

/** The labels page's forms (Conform: empty fields arrive as undefined). */
export const LabelFormSchema = z.object({ name: labelName, color: labelColor });
