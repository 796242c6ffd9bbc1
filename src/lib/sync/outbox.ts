import type { OutboxKind, OutboxOp } from '$lib/schemas/sync';
import { listOutbox, putOp } from '$lib/storage/sync';

let last = 0;
/** Strictly increasing, even for several ops in one millisecond. */
function nextSeq(): number {
	last = Math.max(last + 1, Date.now() * 1000);
	return last;
}

/** Queues one change; the caller triggers a flush. */
export async function enqueue<K extends OutboxKind>(kind: K, anonymousId: string, body: Extract<OutboxOp, { kind: K }>['body']): Promise<OutboxOp> {
	return putOp({
		id: crypto.randomUUID(),
		seq: nextSeq(),
		created_at: new Date().toISOString(),
		kind,
		anonymous_id: anonymousId,
		body,
		attempts: 0,
		next_attempt_at: 0,
		last_error: null
	} as OutboxOp);
}

export async function pendingCount(): Promise<number> {
	return (await listOutbox()).length;
}

/** Exponential backoff with jitter: 2 s, 4 s, … capped at 30 min, each somewhere in its upper half. */
export function backoffMs(attempts: number, random = Math.random): number {
	const cap = Math.min(30 * 60_000, 2000 * 2 ** Math.max(0, attempts - 1));
	return Math.round(cap * (0.5 + random() / 2));
}
