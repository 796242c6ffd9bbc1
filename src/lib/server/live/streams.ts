import type { SequencedEvent } from '$lib/schemas/live';
import type { Classes } from './classes';
import type { ClassHub } from './hub';
import { sseResponse } from './sse';

/** Projector views get their updates grouped: one message per class every this many ms. */
export const BATCH_MS = 150;

/**
 * Events after `after`, in order and once each: the replay from the log and the live ones
 * from the hub can overlap, so both go through one buffer that drops what was sent.
 */
function sequenced(send: (events: SequencedEvent[]) => void) {
	let last = -1;
	return {
		set last(seq: number) {
			last = seq;
		},
		push(events: SequencedEvent[]) {
			const fresh = events.filter((e) => e.seq > last).sort((a, b) => a.seq - b.seq);
			const unique = fresh.filter((e, i) => i === 0 || e.seq !== fresh[i - 1].seq);
			if (!unique.length) return;
			last = unique[unique.length - 1].seq;
			send(unique);
		}
	};
}

/** The projector's stream: a snapshot (or the replay after a reconnect), then batches. */
export function projectorStream(code: string, lastEventId: number | null, classes: Classes, hub: ClassHub): Response {
	return sseResponse((send) => {
		let pending: SequencedEvent[] = [];
		let timer: ReturnType<typeof setTimeout> | null = null;
		const out = sequenced((events) => send('batch', events, events[events.length - 1].seq));
		const flush = () => {
			timer = null;
			const batch = pending;
			pending = [];
			out.push(batch);
		};
		const queue = (events: SequencedEvent[]) => {
			pending.push(...events);
			timer ??= setTimeout(flush, BATCH_MS);
		};
		let unsubscribe = () => {};
		let closed = false;
		void (async () => {
			try {
				if (lastEventId === null) {
					const snap = await classes.snapshot(code);
					if (closed) return;
					send('snapshot', snap, snap.seq);
					out.last = snap.seq;
					unsubscribe = hub.subscribe(code, snap.seq, queue);
					// Anything committed between the snapshot and the subscription.
					queue(await classes.since(code, snap.seq));
				} else {
					out.last = lastEventId;
					unsubscribe = hub.subscribe(code, lastEventId, queue);
					queue(await classes.since(code, lastEventId));
				}
			} catch (err) {
				send('error', { message: (err as Error).message });
			}
		})();
		return () => {
			closed = true;
			unsubscribe();
			if (timer) clearTimeout(timer);
		};
	});
}

/** A student's stream: the run's state changes, and their own removal, as they happen. */
export function studentStream(code: string, participantId: string, lastEventId: number | null, classes: Classes, hub: ClassHub): Response {
	return sseResponse((send) => {
		const out = sequenced((events) => {
			for (const e of events) {
				if (e.type === 'class' || (e.type === 'removed' && e.id === participantId)) send(e.type, e, e.seq);
			}
		});
		let unsubscribe = () => {};
		void (async () => {
			const after = lastEventId ?? (await classes.lastSeq(code));
			out.last = after;
			unsubscribe = hub.subscribe(code, after, (events) => out.push(events));
			out.push(await classes.since(code, after));
		})();
		return () => unsubscribe();
	});
}
