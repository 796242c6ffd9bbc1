import type { PartnerSignup } from '$lib/schemas/partners';
import { LEVELS } from './levels';
import { MATCH_RULES } from './matching';

/** Bump when the text below changes in meaning: the stored consent names the version agreed to. */
export const PARTNER_CONSENT_VERSION = 'partners-1';

export const offsetLabel = (h: number) => `UTC${h >= 0 ? '+' : '−'}${Math.abs(h)}`;
export const languageName = (code: string, locale = 'en') => new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;

/** The study-partner consent, as shown and as stored: exactly what is sent, who sees it, how to withdraw. */
export function partnerConsentText(s: PartnerSignup, ctx: { anonymousId: string; site: string; syncOn: boolean }): string {
	const level = LEVELS.find((l) => l.id === s.level)?.name ?? s.level;
	return [
		`Study-partner matching will send to ${ctx.site}:`,
		`- an anonymous id for this device (${ctx.anonymousId.slice(0, 8)}…) and a random key that proves it is this device (the website keeps only its hash)`,
		`- the nickname you chose: ${s.nickname}`,
		`- the contact you chose to share: ${s.contact}`,
		`- what matching uses: language ${languageName(s.language)}, time zone band ${offsetLabel(s.utc_offset)}, level ${level}${ctx.syncOn ? ', and your cohort if you joined one' : ''}`,
		'Only the student you are matched with sees your nickname and contact, nothing else. Nobody sees your language, time zone or level; they only decide who is matched.',
		ctx.syncOn
			? 'This is separate from sync, which you already turned on.'
			: 'Not sent: your profile, results and submissions. Sync stays off.',
		`A match ends by itself after ${MATCH_RULES.matchDays} days; either of you can end it at any time, block or report.`,
		'To withdraw: Study partners → Withdraw. That deletes your partner data on the website; leaving the community does too.'
	].join('\n');
}
