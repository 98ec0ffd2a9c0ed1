// The file checks and CSV cells of import and export (app/tasks/transfer/import-file.ts): the
// formula prefix comes off exactly as it went on, and a record's line is where it starts.
import { describe, expect, it } from "vitest";
import { csvRecords, ImportRefusedError, neutralizedCell, restoredCell } from "~/tasks/transfer/import-file";

describe("CSV cells (OWASP's formula prefix)", () => {
  const values = [
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "\tTab",
    "\rCR",
    "'",
    "''",
    "'=x",
    "'quoted",
    "plain",
    "",
    "a=b",
    "x'",
  ];

  it("prefixes every cell a spreadsheet would run, and cells that start with the prefix itself", () => {
    expect(values.map(neutralizedCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tTab",
      "'\rCR",
      "''",
      "'''",
      "''=x",
      "''quoted",
      "plain",
      "",
      "a=b",
      "x'",
    ]);
  });

  it("takes the prefix off again, losing nothing", () => {
    expect(values.map((value) => restoredCell(neutralizedCell(value)))).toEqual(values);
  });

  it("leaves a cell typed with an apostrophe in a spreadsheet as typed", () => {
    expect(restoredCell("'abc")).toBe("'abc");
  });
});

describe("CSV records", () => {
  it("know the line they start on, across quoted line breaks and blank lines", () => {
    const text = 'a,b\r\n1,"two\nlines"\n\n\n3,4\n"x\n\ny",z\n';
    expect(csvRecords(text).map((record) => [record.line, record.cells[0]])).toEqual([
      [1, "a"],
      [2, "1"],
      [6, "3"],
      [7, "x\n\ny"],
    ]);
  });

  it("name the line a quote was opened on and never closed", () => {
    const refusal = (() => {
      try {
        csvRecords('a,b\n1,2\n3,"open\n4,5\n');
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(ImportRefusedError);
    expect((refusal as ImportRefusedError).errors).toEqual([
      { line: 3, message: 'A quote opened on line 3 is never closed (a stray " in a cell?)' },
    ]);
  });
});
