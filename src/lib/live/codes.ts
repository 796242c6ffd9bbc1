/**
 * Class join codes: 6 characters a student can read off a projector and type on a
 * phone. No 0/O, 1/I/L, 2/Z, 5/S or 8/B to confuse; no vowels, so no words at all
 * (and so none to offend) — the blocklist below catches the look-alikes that remain.
 */
export const CODE_ALPHABET = 'CDFGHJKMNPQRTVWXY34679';
export const CODE_LENGTH = 6;

// Consonant skeletons and digit look-alikes of words nobody wants on a lecture-hall screen.
const BLOCKED = ['FCK', 'FK', 'CNT', 'KKK', 'NGR', 'NGGR', 'FGT', 'WTF', 'XXX', 'DCK', 'PTN', 'HTLR', 'NZ', 'KYS', '666', '69', '4Q'];

export function isAcceptableCode(code: string): boolean {
	if (code.length !== CODE_LENGTH) return false;
	if ([...code].some((c) => !CODE_ALPHABET.includes(c))) return false;
	return !BLOCKED.some((w) => code.includes(w));
}

/** Normalises what a student typed: case, spaces, dashes, and the look-alikes we never issue. */
export function normalizeCode(typed: string): string {
	return typed
		.toUpperCase()
		.replace(/[\s-]/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1');
}

/** A random acceptable code from the crypto RNG (rejection sampling keeps it uniform). */
export function generateCode(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
	const limit = 256 - (256 % CODE_ALPHABET.length);
	for (;;) {
		let code = '';
		while (code.length < CODE_LENGTH) {
			for (const byte of random(new Uint8Array(16))) {
				if (byte < limit && code.length < CODE_LENGTH) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
			}
		}
		if (isAcceptableCode(code)) return code;
	}
}
