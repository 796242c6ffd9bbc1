import { z } from 'zod';
import { tokenSchema } from './api';
import { isoTimestamp } from './common';
import { profileSchema } from './profile';
import { benchResultSchema } from './result';
import { submissionRecordSchema } from './submission';

/**
 * What the student agreed to, kept on the device (the `consent` store), with the device's
 * secret token. `state` is where sync stands: active, stopped by the student, or deleted
 * on the server (then the id can never write again).
 */
export const syncStateSchema = z.object({
	schema: z.literal('tito-web/sync@1'),
	anonymous_id: z.uuid(),
	token: tokenSchema,
	consent: z.object({ version: z.string().max(40), agreed_at: isoTimestamp, text: z.string().max(4000) }),
	state: z.enum(['active', 'stopped', 'deleting', 'deleted']),
	last_sync_at: isoTimestamp.nullable().default(null),
	last_error: z.string().max(500).nullable().default(null)
});
export type SyncState = z.infer<typeof syncStateSchema>;

const op = <K extends string, B extends z.ZodType>(kind: K, body: B) =>
	z.object({
		id: z.uuid(),
		/** Orders the queue: sent strictly in this order. */
		seq: z.number().int().nonnegative(),
		created_at: isoTimestamp,
		kind: z.literal(kind),
		anonymous_id: z.uuid(),
		body,
		attempts: z.number().int().nonnegative().default(0),
		next_attempt_at: z.number().nonnegative().default(0),
		last_error: z.string().max(500).nullable().default(null)
	});

/** One change waiting to reach the server; its id makes every retry safe. */
export const outboxOpSchema = z.discriminatedUnion('kind', [
	op('register', z.object({ token: tokenSchema, consent: z.object({ version: z.string().max(40), agreed_at: isoTimestamp }) })),
	op('profile', profileSchema),
	op('result', benchResultSchema),
	op('submission', submissionRecordSchema),
	op('delete', z.object({ token: tokenSchema }))
]);
export type OutboxOp = z.infer<typeof outboxOpSchema>;
export type OutboxKind = OutboxOp['kind'];
