/**
 * The page's own memory as the browser counts it (this page and its workers), where
 * `performance.measureUserAgentSpecificMemory()` exists: Chromium, cross-origin isolated
 * pages only. The browser answers at a garbage collection of its choosing (often 10–20 s
 * later), so the capstone asks at its start and collects the answer at its end.
 */
type MemoryApi = { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }> };
export type PageMemory = { bytes: number | null; note: string | null };

export function startPageMemory(): { collect(graceMs: number): Promise<PageMemory> } {
	const api = performance as unknown as MemoryApi;
	let measured: Promise<PageMemory>;
	if (typeof api.measureUserAgentSpecificMemory !== 'function') {
		measured = Promise.resolve({ bytes: null, note: 'This browser has no performance.measureUserAgentSpecificMemory(), so the page’s total memory is not measured.' });
	} else if (!globalThis.crossOriginIsolated) {
		measured = Promise.resolve({ bytes: null, note: 'The page is not cross-origin isolated, so the browser does not report its memory.' });
	} else {
		measured = api
			.measureUserAgentSpecificMemory()
			.then((m) => ({ bytes: m.bytes, note: null }))
			.catch((err: Error) => ({ bytes: null, note: `The browser refused to report the page’s memory (${err.message}).` }));
	}
	return {
		collect: (graceMs) =>
			Promise.race([
				measured,
				new Promise<PageMemory>((resolve) =>
					setTimeout(() => resolve({ bytes: null, note: 'The browser had not reported the page’s memory by the end of the run (it answers at a garbage collection of its choosing).' }), graceMs)
				)
			])
	};
}
