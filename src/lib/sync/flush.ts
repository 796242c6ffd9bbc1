import { listOutbox, loadSyncState, putOp, removeOp, saveSyncState, clearOutbox, clearSyncState } from '$lib/storage/sync';
import { database } from '$lib/storage/connection';
import { backoffMs } from './outbox';
import { send } from './transport';

export interface FlushReport {
	sent: number;
	pending: number;
	/** Ops the server refused for good, set aside in quarantine. */
	rejected: number;
	stoppedBy: string | null;
}

let running: Promise<FlushReport> | null = null;

/**
 * Sends the outbox in order, one op at a time, until it is empty or an op has to wait.
 * Safe to call from anywhere (page, timer, service worker): one flush runs at a time per
 * context, and every op carries its own id, so a flush cut short is simply repeated.
 */
export function flushOutbox(base: string, fetchFn: typeof fetch = fetch, now = Date.now, opts: { retryNow?: boolean } = {}): Promise<FlushReport> {
	running ??= flush(base, fetchFn, now, opts.retryNow ?? false).finally(() => (running = null));
	return running;
}

/** `retryNow`: the network just came back, or the student pressed "Sync now": skip the backoff wait. */
async function flush(base: string, fetchFn: typeof fetch, now: () => number, retryNow: boolean): Promise<FlushReport> {
	const report: FlushReport = { sent: 0, pending: 0, rejected: 0, stoppedBy: null };
	let state = await loadSyncState();
	const ops = await listOutbox();
	for (const [i, op] of ops.entries()) {
		const pendingAfter = ops.length - i;
		if (op.kind !== 'delete' && state?.state !== 'active') {
			report.stoppedBy = 'sync is off';
			report.pending = pendingAfter;
			break;
		}
		if (!retryNow && op.next_attempt_at > now()) {
			report.stoppedBy = op.last_error ?? 'waiting to retry';
			report.pending = pendingAfter;
			break;
		}
		const outcome = await send(op, state?.token ?? '', base, fetchFn);
		if (outcome.kind === 'done') {
			await removeOp(op.id);
			report.sent++;
			if (op.kind === 'delete') {
				// The server has forgotten us: the last trace on this device goes too.
				await clearSyncState();
				state = null;
			}
			continue;
		}
		if (outcome.kind === 'rejected') {
			await quarantineOp(op, outcome.reason);
			report.rejected++;
			continue;
		}
		if (outcome.kind === 'gone') {
			await clearOutbox();
			if (state) state = await saveSyncState({ ...state, state: 'deleted', last_error: 'This device was deleted on the website; sync is off for good.' });
			report.stoppedBy = 'deleted on the server';
			break;
		}
		const reason = outcome.reason;
		await putOp({
			...op,
			attempts: op.attempts + 1,
			next_attempt_at: now() + (outcome.kind === 'retry' && outcome.retryAfterMs ? outcome.retryAfterMs : backoffMs(op.attempts + 1)),
			last_error: reason.slice(0, 500)
		});
		if (state) state = await saveSyncState({ ...state, last_error: reason.slice(0, 500) });
		report.stoppedBy = reason;
		report.pending = pendingAfter;
		break;
	}
	if (state && state.state === 'active' && report.stoppedBy === null) {
		await saveSyncState({ ...state, last_sync_at: new Date(now()).toISOString(), last_error: null });
	}
	return report;
}

async function quarantineOp(op: { id: string }, problem: string) {
	const db = await database();
	const tx = db.transaction(['outbox', 'quarantine'], 'readwrite');
	const value = await tx.objectStore('outbox').get(op.id);
	await tx.objectStore('quarantine').add({ store: 'outbox', key: op.id, value, problem: `The website refused it: ${problem}`, quarantined_at: new Date().toISOString() });
	await tx.objectStore('outbox').delete(op.id);
	await tx.done;
}
