import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, generateCode, isAcceptableCode, normalizeCode } from '$lib/live/codes';
import { csvCell, toCsv } from '$lib/live/csv';
import { ADJECTIVES, ANIMALS, cleanNickname, generateNickname } from '$lib/live/nicknames';

describe('join codes', () => {
	it('use an alphabet without look-alikes or vowels', () => {
		for (const c of '0O1IL2Z5S8BAEU') expect(CODE_ALPHABET).not.toContain(c);
	});
	it('are 6 characters from the alphabet, and 10,000 in a row are almost all distinct', () => {
		const codes = new Set(Array.from({ length: 10_000 }, () => generateCode()));
		expect(codes.size).toBeGreaterThan(9_990);
		for (const code of [...codes].slice(0, 500)) {
			expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{6}$`));
			expect(isAcceptableCode(code)).toBe(true);
		}
	});
	it('never issue a blocked sequence: the generator skips it', () => {
		// A rigged random source that first spells FCK..., then something clean.
		const draws = ['FCKMNP', 'CDFGHJ'].map((w) => [...w].map((c) => CODE_ALPHABET.indexOf(c)));
		let call = 0;
		const rigged = (b: Uint8Array) => {
			const word = draws[Math.min(call++, 1)];
			return b.map((_, i) => word[i % word.length]);
		};
		expect(isAcceptableCode('FCKMNP')).toBe(false);
		expect(generateCode(rigged)).toBe('CDFGHJ');
	});
	it('normalise what students type', () => {
		expect(normalizeCode(' cdf-ghj ')).toBe('CDFGHJ');
		expect(isAcceptableCode(normalizeCode('cdfgho'))).toBe(false);
	});
});

describe('nicknames', () => {
	it('combine a kind adjective and an animal', () => {
		const name = generateNickname(() => 0);
		expect(name).toBe(`${ADJECTIVES[0]} ${ANIMALS[0]}`);
		expect(generateNickname(() => 0.999)).toBe(`${ADJECTIVES.at(-1)} ${ANIMALS.at(-1)}`);
	});
	it('clean typed names: control characters, spaces, length', () => {
		expect(cleanNickname('  Ada\u0000  L. \n')).toBe('Ada L.');
		expect(cleanNickname('   ')).toBeNull();
		expect(cleanNickname('x'.repeat(100))).toHaveLength(32);
	});
});

describe('CSV', () => {
	it('defuses formula injection in every dangerous first character', () => {
		for (const bad of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx']) expect(csvCell(bad).replace(/^"/, '')).toMatch(/^'/);
		expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
	});
	it('quotes commas, quotes and newlines; leaves numbers and plain text alone', () => {
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell(-1.5)).toBe('-1.5');
		expect(csvCell(NaN)).toBe('');
		expect(csvCell('Brave Otter')).toBe('Brave Otter');
		expect(toCsv(['a', 'b'], [[1, null]])).toBe('a,b\r\n1,\r\n');
	});
});
