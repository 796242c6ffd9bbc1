import { z } from 'zod';
import { isoTimestamp } from './common';
import { module20SubmissionSchema } from './module20';

/**
 * The CLI's submission file (`.tito/submissions/<type>_submission_<ts>.json`), as
 * `tito benchmark` writes it after its "submit?" prompt.
 */
export const cliSubmissionSchema = z.object({
	benchmark_type: z.enum(['baseline', 'capstone']),
	timestamp: isoTimestamp,
	metrics: z.record(z.string().max(80), z.union([z.number(), z.string().max(200), z.boolean(), z.null()])),
	include_system_info: z.boolean().default(false),
	anonymous: z.boolean().default(true),
	system_info: z.record(z.string().max(80), z.union([z.string().max(500), z.number(), z.boolean(), z.null()])).optional()
});
export type CliSubmission = z.infer<typeof cliSubmissionSchema>;

/** One saved submission: a baseline file in the CLI's shape, or a Module 20 capstone submission. */
export const submissionRecordSchema = z.object({
	schema: z.literal('tito-web/submission@1'),
	/** Our UUID; for a file that came from the CLI, derived from its type and timestamp. */
	id: z.string().min(1).max(120),
	created_at: isoTimestamp,
	/** The result this was made from, when it was made here. */
	result_id: z.uuid().nullable().default(null),
	file: z.union([cliSubmissionSchema, module20SubmissionSchema])
});
export type SubmissionRecord = z.infer<typeof submissionRecordSchema>;

export const submissionKind = (r: SubmissionRecord) => ('submission_type' in r.file ? 'capstone' : r.file.benchmark_type);
