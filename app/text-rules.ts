// Characters no stored or searched text may carry, shared by every schema that accepts text.
// PostgreSQL refuses a NUL byte in a text value (the query fails: a 500 instead of a 400),
// and the other controls only ever arrive from scripts probing the app.

// C0 controls, DEL and C1 controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** As CONTROL, but tabs and line breaks are allowed (multi-line text). */
// eslint-disable-next-line no-control-regex -- as above
export const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** "low, medium or high": the allowed values, for error messages. */
export function oneOf(values: readonly string[]): string {
  return values.length > 1 ? `${values.slice(0, -1).join(", ")} or ${values.at(-1)}` : (values[0] ?? "");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from URLs and bodies: only a UUID may reach SQL as one (anything else names nothing). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
