import { z } from 'zod';

const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A date or date-time as ISO 8601, with or without a zone (the CLI writes local times
 * without one), between 1970 and 2100: anything else is a corrupt or made-up record.
 */
export const isoTimestamp = z
	.string()
	.max(40)
	.regex(ISO, 'an ISO 8601 date-time')
	.refine((s) => {
		const t = Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s.replace(' ', 'T'));
		return Number.isFinite(t) && t >= Date.UTC(1970, 0, 1) && t < Date.UTC(2100, 0, 1);
	}, 'a real date between 1970 and 2100');
