// What every imported file goes through before its rows are read: its size, its encoding, no
// binary content, and (for CSV) a parse by csv-parse into records that know their line. Each
// refusal names the line it is on, so a person can find it in their editor.
import { parse } from "csv-parse/sync";
import { IMPORT_MAX_BYTES, IMPORT_MAX_LINE_BYTES, IMPORT_MAX_ROWS, type ImportError } from "./import-limits";

export { IMPORT_MAX_BYTES, IMPORT_MAX_LINE_BYTES, IMPORT_MAX_ROWS, type ImportError };

/** The file cannot be read at all: these errors, and nothing is written. */
export class ImportRefusedError extends Error {
  constructor(readonly errors: ImportError[]) {
    super(errors[0]?.message ?? "The file cannot be imported");
  }
}

const refuse = (line: number | null, message: string): never => {
  throw new ImportRefusedError([{ line, message }]);
};

const lineOf = (bytes: Uint8Array, offset: number) => {
  let line = 1;
  for (let index = 0; index < offset && index < bytes.length; index++) if (bytes[index] === 0x0a) line++;
  return line;
};

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The file's text: UTF-8 (a BOM is dropped), no NUL bytes, within the size limit; else ImportRefusedError. */
export function importText(bytes: Uint8Array): string {
  if (bytes.length === 0) refuse(null, "The file is empty");
  if (bytes.length > IMPORT_MAX_BYTES) refuse(null, `The file is larger than 5 MB (${IMPORT_MAX_BYTES} bytes)`);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    refuse(1, "The file is UTF-16: save it as UTF-8 and import it again");
  const nul = bytes.indexOf(0);
  if (nul >= 0) refuse(lineOf(bytes, nul), "The file is binary (it holds NUL bytes), not CSV or JSON text");
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    // The first byte that is not UTF-8: decoded leniently it is the first replacement character.
    const lenient = new TextDecoder("utf-8").decode(bytes);
    const at = Buffer.byteLength(lenient.slice(0, lenient.indexOf("\uFFFD")));
    return refuse(lineOf(bytes, at), "The file is not UTF-8 (is it Windows-1252 or Latin-1?): save it as UTF-8");
  }
}

/** A CSV record and the line it starts on (1-based; a quoted line break spans several). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** The text's records, blank lines skipped; a malformed file throws ImportRefusedError naming its line. */
export function csvRecords(text: string): CsvRecord[] {
  const buffer = Buffer.from(text);
  const records: CsvRecord[] = [];
  let consumed = 0;
  // Lines counted once, forward from the last record's start: the file is read once, not per record.
  let counted = { offset: 0, line: 1 };
  const startLine = () => {
    // Past the line breaks of blank lines skipped before the record.
    let at = consumed;
    while (buffer[at] === 0x0a || buffer[at] === 0x0d) at++;
    let { offset, line } = counted;
    for (; offset < at && offset < buffer.length; offset++) if (buffer[offset] === 0x0a) line++;
    counted = { offset, line };
    return line;
  };
  try {
    parse(buffer, {
      relax_column_count: true,
      skip_empty_lines: true,
      // Files edited on two systems mix line endings: both end a record.
      record_delimiter: ["\r\n", "\n"],
      max_record_size: IMPORT_MAX_LINE_BYTES,
      on_record: (record, context) => {
        records.push({ line: startLine(), cells: record });
        consumed = context.bytes;
        if (records.length > IMPORT_MAX_ROWS + 2)
          refuse(null, `The file has more than ${IMPORT_MAX_ROWS} rows: split it into several files`);
        return null;
      },
    });
  } catch (error) {
    if (error instanceof ImportRefusedError) throw error;
    const code = (error as { code?: string }).code;
    const line = startLine();
    if (code === "CSV_QUOTE_NOT_CLOSED")
      refuse(line, `A quote opened on line ${line} is never closed (a stray " in a cell?)`);
    if (code === "CSV_MAX_RECORD_SIZE")
      refuse(line, `Line ${line} is longer than ${IMPORT_MAX_LINE_BYTES} bytes: is this a CSV file?`);
    if (code === "INVALID_OPENING_QUOTE" || code === "CSV_INVALID_CLOSING_QUOTE")
      refuse(line, `Line ${line} has a quote inside a cell that is not quoted as a whole`);
    refuse(line, `Line ${line} is not valid CSV`);
  }
  return records;
}

// OWASP's CSV injection advice: a spreadsheet runs a cell that starts with one of these as a
// formula, so an exported cell that does gets a leading apostrophe. A cell that starts with an
// apostrophe gets one more, so the import can take exactly one off and lose nothing.
const FORMULA_START = /^[=+\-@\t\r']/;

/** The cell as written to an exported CSV. */
export function neutralizedCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The cell as it was before neutralizedCell (Tasklane's own CSV only). */
export function restoredCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
