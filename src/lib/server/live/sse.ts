/** Streams open now, so a shutting-down server can end them (their clients reconnect elsewhere). */
const streams = new Set<() => void>();
// The production server emits this on SIGTERM, before it waits for the requests in flight.
process.on('tito:draining' as never, () => {
	for (const end of [...streams]) end();
});

/**
 * A Server-Sent Events response. `open` gets a `send` for events and returns its cleanup;
 * a comment line every 15 s keeps proxies from closing an idle stream.
 */
export function sseResponse(open: (send: (event: string, data: unknown, id?: number) => void, close: () => void) => () => void): Response {
	const encoder = new TextEncoder();
	let cleanup: (() => void) | null = null;
	let heartbeat: ReturnType<typeof setInterval> | null = null;
	let end: (() => void) | null = null;
	function stop() {
		if (end) streams.delete(end);
		if (heartbeat) clearInterval(heartbeat);
		heartbeat = null;
		cleanup?.();
		cleanup = null;
	}
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			let closed = false;
			const write = (text: string) => {
				if (closed) return;
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					closed = true;
				}
			};
			end = () => {
				if (closed) return;
				closed = true;
				stop();
				controller.close();
			};
			streams.add(end);
			const send = (event: string, data: unknown, id?: number) =>
				write(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
			write('retry: 2000\n\n');
			heartbeat = setInterval(() => write(': keep-alive\n\n'), 15_000);
			cleanup = open(send, end);
		},
		cancel() {
			stop();
		}
	});
	return new Response(stream, {
		headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'x-accel-buffering': 'no', connection: 'keep-alive' }
	});
}
