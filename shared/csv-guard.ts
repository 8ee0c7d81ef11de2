/**
 * The CSV formula-injection rule, one place for every CSV the project writes (the server's KPI and
 * rejected-rows files, the web's list exports) and reads back (the interaction import).
 *
 * A spreadsheet runs a cell that starts with = + - @ (or a tab / carriage return that hides one) as
 * a formula. Written cells that start so get a leading apostrophe, which makes the spreadsheet show
 * the text as it is; a file read back takes that apostrophe off again (`unguardFormula`), so a
 * written file re-imports the values as they were.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** The text as a cell to write: with a leading apostrophe when it would start a formula. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A cell read back: without the apostrophe `guardFormula` put in front of a formula start. */
export function unguardFormula(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
