export interface SseMessage {
	event: string;
	id: string | null;
	data: unknown;
}

/**
 * Reads Server-Sent Events from a Response until `done` says enough, or `timeoutMs`
 * passes (then it fails, naming what arrived). Cancels the stream afterwards.
 */
export async function readSse(res: Response, done: (all: SseMessage[]) => boolean, timeoutMs = 5000): Promise<SseMessage[]> {
	const reader = res.body!.getReader();
	const decoder = new TextDecoder();
	const messages: SseMessage[] = [];
	let buffer = '';
	const deadline = Date.now() + timeoutMs;
	try {
		while (!done(messages)) {
			const left = deadline - Date.now();
			if (left <= 0) throw new Error(`SSE: timed out after ${messages.map((m) => m.event).join(', ') || 'nothing'}`);
			const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), left))]);
			if (chunk === null) continue;
			if (chunk.done) throw new Error('SSE: the stream ended');
			buffer += decoder.decode(chunk.value, { stream: true });
			let end;
			while ((end = buffer.indexOf('\n\n')) >= 0) {
				const frame = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				const fields = Object.fromEntries(frame.split('\n').filter((l) => l && !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trimStart()]));
				if (fields.event) messages.push({ event: fields.event, id: fields.id ?? null, data: JSON.parse(fields.data) });
			}
		}
		return messages;
	} finally {
		await reader.cancel().catch(() => {});
	}
}
