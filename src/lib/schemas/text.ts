import { z } from 'zod';

/**
 * Free text that other people will see (a nickname, a contact handle, a title): normalised,
 * without control or bidi-override characters, spaces collapsed, then within `max`.
 */
export const shownText = (max: number) =>
	z
		.string()
		.max(max * 4)
		.transform((s) => s.normalize('NFKC').replace(/\p{C}/gu, '').replace(/\s+/g, ' ').trim())
		.pipe(z.string().min(1, 'this cannot be empty').max(max));
