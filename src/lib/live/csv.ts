/**
 * CSV for spreadsheets: RFC 4180 quoting, and formula injection defused — a cell that
 * starts with = + - @ (or a tab / carriage return) gets a leading apostrophe so
 * Excel and Sheets show it as text instead of running it.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	let text = String(value);
	if (FORMULA_START.test(text)) text = `'${text}`;
	return /[",\n\r']/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: string[], rows: (string | number | boolean | null | undefined)[][]): string {
	return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
