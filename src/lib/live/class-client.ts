import type { AdminAction, ClassInfo, ClassSummary, ParticipantView } from '$lib/schemas/live';

/** The class API from the browser; every failure is an Error with the server's sentence. */
async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
	let res: Response;
	try {
		res = await fetch(`/api/v1/classes${path}`, {
			method,
			headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		throw new Error('The class server cannot be reached: check the network and try again.');
	}
	const data = await res.json().catch(() => null);
	if (!res.ok) throw Object.assign(new Error(data?.error?.message ?? `The class server answered ${res.status}.`), { code: data?.error?.code, status: res.status });
	return data as T;
}

export const classClient = {
	create: (title?: string) => call<{ code: string; admin_token: string; info: ClassInfo }>('POST', '', { title }),
	info: (code: string) => call<ClassInfo>('GET', `/${code}`),
	join: (code: string, nickname?: string) => call<{ participant: ParticipantView; token: string; info: ClassInfo }>('POST', `/${code}/participants`, { nickname }),
	me: (code: string, pid: string, token: string) => call<{ participant: ParticipantView; info: ClassInfo }>('GET', `/${code}/participants/${pid}`, undefined, token),
	update: (code: string, pid: string, token: string, change: { nickname?: string; status?: 'joined' | 'running' | 'failed' }) =>
		call<ParticipantView>('PATCH', `/${code}/participants/${pid}`, change, token),
	result: (code: string, pid: string, token: string, summary: ClassSummary) => call<ParticipantView>('POST', `/${code}/participants/${pid}/result`, summary, token),
	act: (code: string, token: string, action: AdminAction) => call<ClassInfo>('POST', `/${code}/admin`, action, token),
	remove: (code: string, token: string) => call<{ deleted: boolean }>('DELETE', `/${code}`, undefined, token),
	async csv(code: string, token: string): Promise<string> {
		const res = await fetch(`/api/v1/classes/${code}/csv`, { headers: { authorization: `Bearer ${token}` } });
		if (!res.ok) throw new Error(`The CSV could not be made (${res.status}).`);
		return res.text();
	}
};

/** What this browser keeps about classes: the admin key of runs it started, and its place in runs it joined. */
const key = (kind: 'admin' | 'seat', code: string) => `tito-class-${kind}:${code}`;
export const classKeys = {
	admin: (code: string) => localStorage.getItem(key('admin', code)),
	setAdmin: (code: string, token: string) => localStorage.setItem(key('admin', code), token),
	seat: (code: string): { pid: string; token: string } | null => JSON.parse(localStorage.getItem(key('seat', code)) ?? 'null'),
	setSeat: (code: string, seat: { pid: string; token: string }) => localStorage.setItem(key('seat', code), JSON.stringify(seat)),
	forget: (code: string) => {
		localStorage.removeItem(key('admin', code));
		localStorage.removeItem(key('seat', code));
	},
	started: () =>
		Object.keys(localStorage)
			.filter((k) => k.startsWith('tito-class-admin:'))
			.map((k) => k.slice('tito-class-admin:'.length))
};
