/**
 * Splits CSV text into rows of fields (RFC 4180): fields may be quoted with `"`, a quoted field may hold the
 * delimiter, line breaks and `""` for a quote. Rows end at `\n`, `\r\n` or `\r`; empty lines are skipped.
 *
 * @example csvRows('a,"b,c"\n1,2') // [["a", "b,c"], ["1", "2"]]
 */
export function csvRows(text: string, delimiter = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let touched = false;
  const endRow = () => {
    if (touched || row.length > 0) {
      row.push(field);
      rows.push(row);
    }
    row = [];
    field = "";
    touched = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
      continue;
    }
    if (c === '"') {
      quoted = true;
      touched = true;
    } else if (c === delimiter) {
      row.push(field);
      field = "";
      touched = true;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRow();
    } else {
      field += c;
      touched = true;
    }
  }
  endRow();
  return rows;
}
