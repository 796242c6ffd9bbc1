/**
 * A Server-Sent Events client over fetch, so the stream can carry an Authorization header
 * (EventSource cannot). It reconnects with backoff and sends Last-Event-ID, so the server
 * replays what was missed while the network was gone.
 */
export interface StreamHandlers {
	message(event: string, data: unknown): void;
	status?(connected: boolean, problem: string | null): void;
}

export class EventStream {
	#controller: AbortController | null = null;
	#lastId: string | null = null;
	#closed = false;

	constructor(
		private url: string,
		private token: string,
		private on: StreamHandlers
	) {}

	start(): this {
		void this.#loop();
		return this;
	}

	close() {
		this.#closed = true;
		this.#controller?.abort();
	}

	async #loop() {
		let failures = 0;
		while (!this.#closed) {
			this.#controller = new AbortController();
			try {
				const res = await fetch(this.url, {
					headers: { authorization: `Bearer ${this.token}`, accept: 'text/event-stream', ...(this.#lastId ? { 'last-event-id': this.#lastId } : {}) },
					signal: this.#controller.signal,
					cache: 'no-store'
				});
				if (res.status === 403 || res.status === 404 || res.status === 410) {
					const body = await res.json().catch(() => null);
					this.on.status?.(false, body?.error?.message ?? `The class answered ${res.status}.`);
					this.on.message('closed', body);
					return;
				}
				if (!res.ok || !res.body) throw new Error(`the server answered ${res.status}`);
				failures = 0;
				this.on.status?.(true, null);
				await this.#read(res.body);
			} catch (err) {
				if (this.#closed) return;
				this.on.status?.(false, `Connection lost (${(err as Error).message}); reconnecting…`);
			}
			if (this.#closed) return;
			failures++;
			await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** Math.min(failures, 5)) * (0.5 + Math.random() / 2)));
		}
	}

	async #read(body: ReadableStream<Uint8Array>) {
		const reader = body.getReader();
		const decoder = new TextDecoder();
		let buffer = '';
		for (;;) {
			const { done, value } = await reader.read();
			if (done) throw new Error('the stream ended');
			buffer += decoder.decode(value, { stream: true });
			let end: number;
			while ((end = buffer.indexOf('\n\n')) >= 0) {
				const frame = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				let event = 'message';
				let data = '';
				for (const line of frame.split('\n')) {
					if (line.startsWith('event:')) event = line.slice(6).trim();
					else if (line.startsWith('data:')) data += line.slice(5).trimStart();
					else if (line.startsWith('id:')) this.#lastId = line.slice(3).trim();
				}
				if (data) this.on.message(event, JSON.parse(data));
			}
		}
	}
}
