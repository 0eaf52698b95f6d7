import { describe, expect, it } from "vitest";
import { CsvError, parseCsv } from "./csv";

describe("parseCsv", () => {
  it.each([
    [
      "plain",
      "a,b\n1,2\n3,4\n",
      [
        ["1", "2"],
        ["3", "4"],
      ],
    ],
    [
      "CRLF and no final newline",
      "a,b\r\n1,2\r\n3,4",
      [
        ["1", "2"],
        ["3", "4"],
      ],
    ],
    [
      "quotes, commas, doubled quotes and line breaks",
      'a,b\n"x, y","say ""hi"""\n"multi\nline",z\n',
      [
        ["x, y", 'say "hi"'],
        ["multi\nline", "z"],
      ],
    ],
    [
      "empty values and blank lines",
      "a,b\n,\n\n1,\n",
      [
        ["", ""],
        ["1", ""],
      ],
    ],
    ["a byte-order mark", "\ufeffa,b\n1,2", [["1", "2"]]],
  ])("%s", (_name, text, rows) => {
    const t = parseCsv(text);
    expect(t.header).toEqual(["a", "b"]);
    expect(t.rows.map((r) => r.values)).toEqual(rows);
  });

  it("gives each row the line it starts on", () => {
    expect(parseCsv('a\n"x\ny"\nz\n').rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it.each([
    ["a,b\n1,2,3", 2, "Expected 2 values"],
    ['a\n"open', 2, "never closed"],
    ['a\nx"y', 2, "quote inside"],
    ["", 1, "empty"],
  ])("rejects %j at line %i", (text, line, message) => {
    try {
      parseCsv(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CsvError);
      expect((e as CsvError).line).toBe(line);
      expect((e as CsvError).message).toContain(message);
    }
  });
});
