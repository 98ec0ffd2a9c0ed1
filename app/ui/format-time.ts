// An instant as people read it in a given zone ("Dec 5, 2026, 9:30 AM"), written on the server
// in the reader's account zone so a page reads the same with or without JavaScript.
const formats = new Map<string, Intl.DateTimeFormat>();

export function formatInZone(timeZone: string, instant: Date): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone });
    // Zones are few; a bound all the same, since they come from accounts.
    if (formats.size < 1_000) formats.set(timeZone, format);
  }
  return format.format(instant);
}
