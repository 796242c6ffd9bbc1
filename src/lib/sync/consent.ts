import type { Profile } from '$lib/schemas/profile';

/** Bump when the text below changes in meaning: a stored consent names the version agreed to. */
export const CONSENT_VERSION = 'sync-1';

/** The filled-in profile fields, in words: exactly what would be sent. */
export function sharedFields(p: Profile): string[] {
	const out = [`an anonymous id (${p.anonymous_id.slice(0, 8)}…) and when you joined`];
	if (p.location.country) out.push(`country: ${p.location.country}`);
	if (p.institution.name) out.push(`school or organisation: ${p.institution.name}`);
	if (p.context.course_type) out.push(`how you learn: ${p.context.course_type}`);
	if (p.context.experience_level) out.push(`experience: ${p.context.experience_level}`);
	if (p.context.cohort) out.push(`cohort: ${p.context.cohort}`);
	out.push(`progress: ${p.progress.modules.length} modules, ${p.progress.milestones.length} milestones${p.progress.best_accuracy === null ? '' : `, best accuracy ${p.progress.best_accuracy}%`}`);
	return out;
}

/** The consent text, as shown and as stored with the agreement. */
export function consentText(p: Profile, counts: { results: number; submissions: number }, site: string): string {
	return [
		`Tito Web will send to ${site}:`,
		...sharedFields(p).map((f) => `- ${f}`),
		`- your benchmark results (${counts.results} now, and new ones as you run them): timings, scores, and the adapter card of this device (browser, GPU and CPU features)`,
		`- your saved submissions (${counts.submissions} now)`,
		'Never sent: names, e-mail, anything you left blank. The server does not store your IP address.',
		'Your statistics appear only in totals of at least 10 people.',
		'To withdraw: Community → Stop syncing. You can also delete everything on the server; leaving the community does that too.'
	].join('\n');
}
