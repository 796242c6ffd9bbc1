import type { Profile } from '$lib/schemas/profile';
import type { BenchResult } from '$lib/schemas/result';
import type { SubmissionRecord } from '$lib/schemas/submission';
import type { OutboxOp, SyncState } from '$lib/schemas/sync';
import { clearOutbox, listOutbox, loadSyncState, saveSyncState } from '$lib/storage/sync';
import { CONSENT_VERSION, consentText } from './consent';
import { flushOutbox, type FlushReport } from './flush';
import { deviceCredentials, deviceToken } from './identity';
import { enqueue } from './outbox';

const origin = () => (typeof location === 'undefined' ? '' : location.origin);

/**
 * Sync to the website: off until the student opts in. Every change goes through the
 * outbox; the outbox is flushed on start, when the browser comes online, on a timer while
 * anything is pending, and by the service worker's Background Sync where there is one.
 */
class SyncStore {
	#state = $state<SyncState | null>(null);
	#pending = $state(0);
	#last = $state<FlushReport | null>(null);
	#started = false;

	get state() { return this.#state; }
	get active() { return this.#state?.state === 'active'; }
	get pending() { return this.#pending; }
	get lastReport() { return this.#last; }

	/** Reads the state and starts the triggers; nothing is sent unless sync is on (or a deletion is owed). */
	async start(): Promise<void> {
		await this.#reload();
		if (this.#started || typeof window === 'undefined') return;
		this.#started = true;
		window.addEventListener('online', () => void this.flush({ retryNow: true }));
		setInterval(() => {
			if (this.#pending && navigator.onLine !== false) void this.flush();
		}, 30_000);
		if (this.#pending) void this.flush();
	}

	async flush(opts: { retryNow?: boolean } = {}): Promise<FlushReport | null> {
		if (!(await listOutbox()).length) return null;
		this.#last = await flushOutbox(origin(), fetch, Date.now, opts);
		await this.#reload();
		if (this.#pending) void this.#askBackgroundSync();
		return this.#last;
	}

	/** Both at once: "Sync is on" must never show beside a pending count not read yet. */
	async #reload() {
		const [state, outbox] = await Promise.all([loadSyncState(), listOutbox()]);
		this.#state = state;
		this.#pending = outbox.length;
	}

	async #askBackgroundSync() {
		if (typeof navigator === 'undefined') return;
		const reg = await navigator.serviceWorker?.getRegistration?.().catch(() => undefined);
		const sync = (reg as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
		await sync?.register('tito-outbox').catch(() => {});
	}

	/** The consent screen's "turn on": register, then send what is here now. */
	async optIn(profile: Profile, results: BenchResult[], submissions: SubmissionRecord[]): Promise<void> {
		const agreed_at = new Date().toISOString();
		// Study-partner matching may have registered this id already: the same token, or the server refuses.
		const token = await deviceToken(profile.anonymous_id);
		const text = consentText(profile, { results: results.length, submissions: submissions.length }, origin());
		this.#state = await saveSyncState({
			schema: 'tito-web/sync@1',
			anonymous_id: profile.anonymous_id,
			token,
			consent: { version: CONSENT_VERSION, agreed_at, text },
			state: 'active',
			last_sync_at: null,
			last_error: null
		});
		const id = profile.anonymous_id;
		await enqueue('register', id, { token, consent: { version: CONSENT_VERSION, agreed_at } });
		await enqueue('profile', id, profile);
		for (const r of [...results].reverse()) await enqueue('result', id, r);
		for (const s of [...submissions].reverse()) await enqueue('submission', id, s);
		await this.flush();
	}

	/** Withdraw: nothing more is sent; with `deleteServerData`, everything on the server goes too. */
	async stop(deleteServerData: boolean): Promise<void> {
		const s = this.#state;
		if (!s) return;
		await clearOutbox();
		if (deleteServerData) {
			this.#state = await saveSyncState({ ...s, state: 'deleting' });
			await enqueue('delete', s.anonymous_id, { token: s.token });
			await this.flush();
		} else {
			this.#state = await saveSyncState({ ...s, state: 'stopped' });
			this.#pending = 0;
		}
	}

	/** Called with every local change; queued only while sync is on. */
	async changed(kind: 'profile', body: Profile): Promise<void>;
	async changed(kind: 'result', body: BenchResult): Promise<void>;
	async changed(kind: 'submission', body: SubmissionRecord): Promise<void>;
	async changed(kind: 'profile' | 'result' | 'submission', body: Profile | BenchResult | SubmissionRecord): Promise<void> {
		if (!this.active || !this.#state) return;
		await enqueue(kind as 'profile', this.#state.anonymous_id, body as Profile);
		this.#pending++;
		void this.flush();
	}

	/** Leave: the deletion request that must outlive the local erase, when anything may be on the server (sync or study partners). */
	async deletionFor(): Promise<OutboxOp[]> {
		const s = await deviceCredentials();
		if (!s) return [];
		return [
			{
				id: crypto.randomUUID(),
				seq: 0,
				created_at: new Date().toISOString(),
				kind: 'delete',
				anonymous_id: s.anonymous_id,
				body: { token: s.token },
				attempts: 0,
				next_attempt_at: 0,
				last_error: null
			}
		];
	}

	/** After a leave: the local erase already ran; send the deletion when possible. */
	async afterLeave(): Promise<void> {
		this.#state = null;
		this.#pending = (await listOutbox()).length;
		await this.flush();
	}
}

export const sync = new SyncStore();
