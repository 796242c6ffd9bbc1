import { baseline, type RunLength } from '$lib/bench/baseline.svelte';
import type { ClassInfo, ParticipantView } from '$lib/schemas/live';
import { classClient, classKeys } from './class-client';
import { EventStream } from './sse-client';
import { classSummary } from './summary';

/**
 * A student's place in one run: joined under a nickname, waiting, running the baseline
 * when the instructor starts (or when they press run), and sending the summary to the
 * class only. The place survives reloads and network drops.
 */
export class StudentSeat {
	#me = $state<ParticipantView | null>(null);
	#info = $state<Omit<ClassInfo, 'participants'> | null>(null);
	#problem = $state<string | null>(null);
	#removed = $state(false);
	#sent = $state<'idle' | 'sending' | 'sent' | 'failed'>('idle');
	#stream: EventStream | null = null;
	#seat: { pid: string; token: string } | null = null;
	#runStartedFor: string | null = null;

	constructor(
		readonly code: string,
		private length: RunLength = 'standard'
	) {}

	get me() { return this.#me; }
	get info() { return this.#info; }
	get problem() { return this.#problem; }
	get removed() { return this.#removed; }
	get sent() { return this.#sent; }
	get joined() { return this.#me !== null; }

	/** Picks up a place this browser already has in the run. */
	async resume(): Promise<boolean> {
		this.#seat = classKeys.seat(this.code);
		if (!this.#seat) return false;
		try {
			const { participant, info } = await classClient.me(this.code, this.#seat.pid, this.#seat.token);
			this.#me = participant;
			this.#info = info;
			this.#listen();
			return true;
		} catch (err) {
			if ((err as { code?: string }).code === 'removed') this.#removed = true;
			else this.#problem = (err as Error).message;
			return false;
		}
	}

	async join(nickname: string) {
		this.#problem = null;
		try {
			const { participant, token, info } = await classClient.join(this.code, nickname);
			this.#seat = { pid: participant.id, token };
			classKeys.setSeat(this.code, this.#seat);
			this.#me = participant;
			this.#info = info;
			this.#listen();
		} catch (err) {
			this.#problem = (err as Error).message;
		}
	}

	async rename(nickname: string) {
		if (!this.#seat) return;
		try {
			this.#me = await classClient.update(this.code, this.#seat.pid, this.#seat.token, { nickname });
		} catch (err) {
			this.#problem = (err as Error).message;
		}
	}

	#listen() {
		this.#stream?.close();
		this.#stream = new EventStream(`/api/v1/classes/${this.code}/participants/${this.#seat!.pid}/events`, this.#seat!.token, {
			message: (event, data) => {
				if (event === 'class') {
					this.#info = (data as { info: ClassInfo }).info;
					if (this.#info.started_at && this.#info.started_at !== this.#runStartedFor && !this.#info.ended_at) void this.run(this.#info.started_at);
				}
				if (event === 'removed') {
					this.#removed = true;
					this.#stream?.close();
				}
			},
			status: (_connected, problem) => (this.#problem = problem)
		}).start();
		// Started before we (re)connected: run now, unless this place already has a result.
		if (this.#info?.started_at && !this.#info.ended_at && !this.#me?.summary) void this.run(this.#info.started_at);
	}

	/** Runs the baseline here and sends its summary to the class. */
	async run(startedAt: string | null = null) {
		if (!this.#seat || baseline.status === 'running' || this.#removed) return;
		this.#runStartedFor = startedAt;
		const { pid, token } = this.#seat;
		await classClient.update(this.code, pid, token, { status: 'running' }).catch(() => {});
		await baseline.start(this.length);
		if (baseline.status !== 'done' || !baseline.result) {
			await classClient.update(this.code, pid, token, { status: baseline.status === 'cancelled' ? 'joined' : 'failed' }).catch(() => {});
			return;
		}
		this.#sent = 'sending';
		try {
			this.#me = await classClient.result(this.code, pid, token, classSummary(baseline.result));
			this.#sent = 'sent';
		} catch (err) {
			this.#sent = 'failed';
			this.#problem = (err as Error).message;
		}
	}

	close() {
		this.#stream?.close();
	}
}
