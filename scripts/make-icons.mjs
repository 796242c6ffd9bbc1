// Draws the app icon (three rising bars on blue) as PNGs, so the icons are rebuilt from source.
// Run: node scripts/make-icons.mjs  (outputs are committed in static/icons)
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});
const crc32 = (buf) => {
	let c = 0xffffffff;
	for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
	const out = Buffer.alloc(12 + data.length);
	out.writeUInt32BE(data.length, 0);
	out.write(type, 4, 'ascii');
	data.copy(out, 8);
	out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
	return out;
}

function icon(size) {
	const bars = [
		[0.22, 0.62],
		[0.42, 0.45],
		[0.62, 0.28]
	];
	const w = 0.16;
	const raw = Buffer.alloc(size * (size * 4 + 1));
	for (let y = 0; y < size; y++) {
		raw[y * (size * 4 + 1)] = 0;
		for (let x = 0; x < size; x++) {
			const u = (x + 0.5) / size;
			const v = (y + 0.5) / size;
			const onBar = bars.some(([left, top]) => u >= left && u < left + w && v >= top && v < 0.78);
			const [r, g, b] = onBar ? [255, 255, 255] : [31, 78, 121];
			const o = y * (size * 4 + 1) + 1 + x * 4;
			raw[o] = r;
			raw[o + 1] = g;
			raw[o + 2] = b;
			raw[o + 3] = 255;
		}
	}
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(size, 0);
	ihdr.writeUInt32BE(size, 4);
	ihdr[8] = 8;
	ihdr[9] = 6;
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(raw, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

for (const size of [192, 512]) writeFileSync(new URL(`../static/icons/icon-${size}.png`, import.meta.url), icon(size));
writeFileSync(
	new URL('../static/icons/icon.svg', import.meta.url),
	`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" fill="#1f4e79"/><g fill="#fff"><rect x="22" y="62" width="16" height="16"/><rect x="42" y="45" width="16" height="33"/><rect x="62" y="28" width="16" height="50"/></g></svg>\n`
);
