/** A count with the language's digit grouping (60000 → "60,000"), as antd's Statistic shows counts. */
export function formatCount(value: number, language: string): string {
  return new Intl.NumberFormat(language).format(value);
}
