import { SvelteMap } from 'svelte/reactivity';
import type { ClassInfo, ParticipantView, SequencedEvent } from '$lib/schemas/live';
import { classView } from './aggregate';
import { EventStream } from './sse-client';

/** The projector's live picture of one run, kept up to date from its event stream. */
export class ProjectorState {
	#people = new SvelteMap<string, ParticipantView>();
	#info = $state<Omit<ClassInfo, 'participants'> | null>(null);
	#connected = $state(false);
	#problem = $state<string | null>(null);
	#stream: EventStream | null = null;
	readonly view = $derived(classView([...this.#people.values()], this.#info?.top_n ?? 0));

	get info() { return this.#info; }
	get connected() { return this.#connected; }
	get problem() { return this.#problem; }
	get people() { return [...this.#people.values()]; }

	connect(code: string, adminToken: string) {
		this.#stream?.close();
		this.#stream = new EventStream(`/api/v1/classes/${code}/events`, adminToken, {
			message: (event, data) => this.#apply(event, data),
			status: (connected, problem) => {
				this.#connected = connected;
				this.#problem = problem;
			}
		}).start();
	}

	/** After an admin action: the answer is the newest state, before the stream brings it. */
	setInfo(info: Omit<ClassInfo, 'participants'>) {
		this.#info = info;
	}

	close() {
		this.#stream?.close();
	}

	#apply(event: string, data: unknown) {
		if (event === 'snapshot') {
			const snap = data as { info: ClassInfo; participants: ParticipantView[] };
			this.#people.clear();
			for (const p of snap.participants) this.#people.set(p.id, p);
			this.#info = snap.info;
		} else if (event === 'batch') {
			for (const e of data as SequencedEvent[]) {
				if (e.type === 'participant') this.#people.set(e.participant.id, e.participant);
				else if (e.type === 'removed') this.#people.delete(e.id);
				else if (e.type === 'class') this.#info = e.info;
			}
		}
	}
}
