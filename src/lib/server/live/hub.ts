import type { SequencedEvent } from '$lib/schemas/live';
import type { Db } from '../db';

export const CHANNEL = 'tito_class';

/** An event-log row as it travels: its payload with its seq. */
export const eventOf = (r: { seq: string | number; payload: unknown }): SequencedEvent =>
	({ ...(typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload), seq: Number(r.seq) }) as SequencedEvent;
type Subscriber = (events: SequencedEvent[]) => void;

interface Room {
	subscribers: Set<Subscriber>;
	/** The last event seq delivered here. */
	seen: number;
	reading: boolean;
	dirty: boolean;
}

/**
 * Fans class events out to this instance's SSE streams. Writers commit an event row and
 * call `poke(code)`; the poke travels as a NOTIFY (PostgreSQL: to every instance; PGlite:
 * in process), at most one per class every `coalesceMs`, and each instance then reads the
 * new rows once for all its subscribers of that class. Under load this batches naturally.
 */
export class ClassHub {
	#rooms = new Map<string, Room>();
	#pending = new Map<string, ReturnType<typeof setTimeout>>();
	#stop: (() => Promise<void>) | null = null;

	constructor(private db: Db, private coalesceMs = 25) {}

	async start(): Promise<void> {
		this.#stop ??= await this.db.listen(CHANNEL, (code) => void this.#read(code));
	}

	async close(): Promise<void> {
		for (const t of this.#pending.values()) clearTimeout(t);
		await this.#stop?.();
		this.#stop = null;
	}

	/** After a commit that added events to `code`. */
	poke(code: string): void {
		if (this.#pending.has(code)) return;
		this.#pending.set(
			code,
			setTimeout(() => {
				this.#pending.delete(code);
				void this.db.notify(CHANNEL, code).catch((err) => console.error('live: notify failed:', err.message));
			}, this.coalesceMs)
		);
	}

	/** Subscribes; `after` (the last seq the subscriber has) starts a room that is not open yet. */
	subscribe(code: string, after: number, fn: Subscriber): () => void {
		// A room already open keeps its own position: moving it to a newcomer's `after` would skip
		// events the others have not had yet. Each subscriber replays its own gap (`since`) and
		// drops what it already has.
		let room = this.#rooms.get(code);
		if (!room) this.#rooms.set(code, (room = { subscribers: new Set(), seen: after, reading: false, dirty: false }));
		room.subscribers.add(fn);
		return () => {
			room.subscribers.delete(fn);
			if (!room.subscribers.size) this.#rooms.delete(code);
		};
	}

	async #read(code: string): Promise<void> {
		const room = this.#rooms.get(code);
		if (!room) return;
		if (room.reading) {
			room.dirty = true;
			return;
		}
		room.reading = true;
		try {
			do {
				room.dirty = false;
				const rows = await this.db.query<{ seq: string; payload: unknown }>(
					'select seq, payload from class_events where class_code = $1 and seq > $2 order by seq limit 5000',
					[code, room.seen]
				);
				if (!rows.length) continue;
				const events = rows.map(eventOf);
				room.seen = events[events.length - 1].seq;
				for (const fn of room.subscribers) fn(events);
				if (rows.length === 5000) room.dirty = true;
			} while (room.dirty);
		} catch (err) {
			console.error('live: reading events failed:', (err as Error).message);
		} finally {
			room.reading = false;
		}
	}
}
