/** Saves text or bytes as a file through the browser's download, no server involved. */
export function downloadFile(name: string, data: string | Uint8Array<ArrayBuffer>, type = 'application/json') {
	const url = URL.createObjectURL(new Blob([data], { type }));
	const a = Object.assign(document.createElement('a'), { href: url, download: name });
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
