/**
 * CSV (RFC 4180): commas, quoted fields with "" escapes and line breaks, CRLF or LF. Pure; the
 * account import uses it, and reports problems by line number.
 */
export interface CsvTable {
  header: string[];
  /** Each row with the line it started on (1-based, the header is line 1). */
  rows: Array<{ line: number; values: string[] }>;
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "CsvError";
  }
}

export function parseCsv(text: string): CsvTable {
  const records: Array<{ line: number; values: string[] }> = [];
  let field = "";
  let values: string[] = [];
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let i = 0;
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endRecord = () => {
    values.push(field);
    if (!(values.length === 1 && values[0] === "")) records.push({ line: startLine, values });
    values = [];
    field = "";
  };
  while (i < input.length) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === "\n") line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (field !== "") throw new CsvError("A quote inside an unquoted value: wrap the whole value in quotes and double the quote.", line);
      quoted = true;
    } else if (c === ",") {
      values.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && input[i + 1] === "\n") i++;
      endRecord();
      line++;
      startLine = line;
    } else {
      field += c;
    }
    i++;
  }
  if (quoted) throw new CsvError("A quoted value is never closed.", startLine);
  if (field !== "" || values.length) endRecord();
  const [head, ...rows] = records;
  if (!head) throw new CsvError("The file is empty.", 1);
  const header = head.values.map((h) => h.trim());
  for (const r of rows)
    if (r.values.length !== header.length)
      throw new CsvError(`Expected ${header.length} values (as in the header), found ${r.values.length}.`, r.line);
  return { header, rows };
}
