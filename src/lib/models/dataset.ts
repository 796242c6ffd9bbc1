/**
 * A labelled image set as the app ships it: 8-bit pixels (value = byte / 255) and one
 * class byte per image. The binary form is small and self-describing:
 *   "TTDS" | version u8 | rank u8 | classes u16 | count u32 | dims u32 × rank | pixels u8 × count·∏dims | labels u8 × count
 * (little-endian), so the page, the worker and the tests read it the same way.
 */
export interface Dataset {
	/** Shape of one sample, e.g. [64] or [3, 32, 32]. */
	sampleShape: number[];
	classes: number;
	pixels: Uint8Array;
	labels: Uint8Array;
}

const MAGIC = 'TTDS';
const VERSION = 1;

export const sampleSize = (d: Pick<Dataset, 'sampleShape'>) => d.sampleShape.reduce((a, b) => a * b, 1);
export const countOf = (d: Pick<Dataset, 'labels'>) => d.labels.length;

export function encodeDataset(d: Dataset): Uint8Array {
	const header = 12 + 4 * d.sampleShape.length;
	const out = new Uint8Array(header + d.pixels.length + d.labels.length);
	const view = new DataView(out.buffer);
	for (let i = 0; i < 4; i++) out[i] = MAGIC.charCodeAt(i);
	view.setUint8(4, VERSION);
	view.setUint8(5, d.sampleShape.length);
	view.setUint16(6, d.classes, true);
	view.setUint32(8, d.labels.length, true);
	d.sampleShape.forEach((n, i) => view.setUint32(12 + 4 * i, n, true));
	out.set(d.pixels, header);
	out.set(d.labels, header + d.pixels.length);
	return out;
}

/** Reads the binary form; anything else is refused with what is wrong. */
export function decodeDataset(bytes: Uint8Array): Dataset {
	const fail = (why: string) => new Error(`This is not a Tito Web data set file: ${why}.`);
	if (bytes.length < 12 || String.fromCharCode(...bytes.subarray(0, 4)) !== MAGIC) throw fail('it does not start with TTDS');
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (view.getUint8(4) !== VERSION) throw fail(`version ${view.getUint8(4)} is not known`);
	const rank = view.getUint8(5);
	const classes = view.getUint16(6, true);
	const count = view.getUint32(8, true);
	const header = 12 + 4 * rank;
	if (bytes.length < header) throw fail('the header is cut short');
	const sampleShape = Array.from({ length: rank }, (_, i) => view.getUint32(12 + 4 * i, true));
	const pixels = count * sampleShape.reduce((a, b) => a * b, 1);
	if (bytes.length !== header + pixels + count) throw fail(`it should hold ${header + pixels + count} bytes, it holds ${bytes.length}`);
	return {
		sampleShape,
		classes,
		pixels: bytes.slice(header, header + pixels),
		labels: bytes.slice(header + pixels)
	};
}

/** Samples [from, from + count) as model input: float32 in [0, 1]. */
export function floatSamples(d: Dataset, from = 0, count = countOf(d) - from): Float32Array {
	const size = sampleSize(d);
	const out = new Float32Array(count * size);
	const src = d.pixels.subarray(from * size, (from + count) * size);
	for (let i = 0; i < src.length; i++) out[i] = src[i] / 255;
	return out;
}

/** Grey value of a rendered sample in [0, 1], as the byte it is stored as. */
export const toByte = (v: number) => Math.round(255 * Math.min(1, Math.max(0, v)));
