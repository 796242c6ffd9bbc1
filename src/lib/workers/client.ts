/**
 * A typed request/response client over a Worker: each call gets an id, the reply
 * with that id settles it; a worker crash rejects every pending call with the reason.
 */
type Tagged = { type: string; id: number };
/** A request without its id, kept as a union (plain Omit collapses a union). */
export type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

interface Pending<Res> {
	resolve: (value: Res) => void;
	reject: (reason: Error) => void;
	onEvent?: (event: Res) => void;
}

export class WorkerClient<Req extends Tagged, Res extends Tagged> {
	#worker: Worker;
	#next = 1;
	#pending = new Map<number, Pending<Res>>();
	#settles: (res: Res) => boolean;

	constructor(worker: Worker, settles: (res: Res) => boolean) {
		this.#worker = worker;
		this.#settles = settles;
		worker.onmessage = (e: MessageEvent<Res>) => this.#receive(e.data);
		worker.onerror = (e) => this.#failAll(new Error(`The worker stopped: ${e.message || 'it crashed'}`));
		worker.onmessageerror = () => this.#failAll(new Error('The worker sent a message that could not be read.'));
	}

	request<R extends Res>(req: WithoutId<Req>, onEvent?: (event: Res) => void, transfer: Transferable[] = []): Promise<R> {
		const id = this.#next++;
		return new Promise<R>((resolve, reject) => {
			this.#pending.set(id, { resolve: resolve as (v: Res) => void, reject, onEvent });
			this.#worker.postMessage({ ...req, id }, transfer);
		});
	}

	/** Sends a message that expects no reply (e.g. cancel). */
	send(msg: WithoutId<Req> & { id?: number }): void {
		this.#worker.postMessage({ id: 0, ...msg });
	}

	terminate(reason = 'The worker was stopped.'): void {
		this.#worker.terminate();
		this.#failAll(new Error(reason));
	}

	#receive(res: Res) {
		const pending = this.#pending.get(res.id);
		if (!pending) return;
		if (res.type === 'error') {
			this.#pending.delete(res.id);
			pending.reject(new Error((res as unknown as { message: string }).message));
		} else if (this.#settles(res)) {
			this.#pending.delete(res.id);
			pending.resolve(res);
		} else {
			pending.onEvent?.(res);
		}
	}

	#failAll(err: Error) {
		for (const p of this.#pending.values()) p.reject(err);
		this.#pending.clear();
	}
}
