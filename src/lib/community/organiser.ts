/**
 * What an organiser's browser keeps: the key of each cohort they created (the website holds
 * only its hash). Without the key nobody can see the cohort's view, so it can be copied to
 * another browser from the cohort's page.
 */
const PREFIX = 'tito-cohort-admin:';

export interface OrganiserKey {
	code: string;
	title: string;
	token: string;
}

export const organiserKeys = {
	get(code: string): OrganiserKey | null {
		try {
			const v = JSON.parse(localStorage.getItem(PREFIX + code) ?? 'null');
			return v && typeof v.token === 'string' ? { code, title: String(v.title ?? code), token: v.token } : null;
		} catch {
			return null;
		}
	},
	set(k: OrganiserKey) {
		localStorage.setItem(PREFIX + k.code, JSON.stringify({ title: k.title, token: k.token }));
	},
	forget(code: string) {
		localStorage.removeItem(PREFIX + code);
	},
	all(): OrganiserKey[] {
		return Object.keys(localStorage)
			.filter((k) => k.startsWith(PREFIX))
			.map((k) => organiserKeys.get(k.slice(PREFIX.length)))
			.filter((k): k is OrganiserKey => k !== null);
	}
};
