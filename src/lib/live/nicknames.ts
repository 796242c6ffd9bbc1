/**
 * Friendly generated nicknames (adjective + animal): never a real name, changeable,
 * and from word lists chosen to be kind in any combination.
 */
export const ADJECTIVES = [
	'Amber', 'Brave', 'Bright', 'Calm', 'Clever', 'Cosmic', 'Curious', 'Daring', 'Eager', 'Fuzzy', 'Gentle', 'Golden',
	'Happy', 'Jolly', 'Keen', 'Kind', 'Lively', 'Lucky', 'Mellow', 'Merry', 'Mighty', 'Nimble', 'Noble', 'Patient',
	'Plucky', 'Polite', 'Quick', 'Quiet', 'Rapid', 'Shiny', 'Silver', 'Sunny', 'Swift', 'Steady', 'Tidy', 'Witty', 'Zesty'
] as const;

export const ANIMALS = [
	'Albatross', 'Alpaca', 'Badger', 'Beaver', 'Bison', 'Capybara', 'Cheetah', 'Crane', 'Dolphin', 'Falcon', 'Ferret',
	'Gecko', 'Heron', 'Ibex', 'Koala', 'Lemur', 'Lynx', 'Manatee', 'Marmot', 'Meerkat', 'Narwhal', 'Ocelot', 'Otter',
	'Owl', 'Panda', 'Pelican', 'Penguin', 'Puffin', 'Quokka', 'Raccoon', 'Seal', 'Sparrow', 'Tapir', 'Tiger', 'Walrus', 'Wombat', 'Yak'
] as const;

export function generateNickname(random: () => number = Math.random): string {
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
	return `${pick(ADJECTIVES)} ${pick(ANIMALS)}`;
}

/** A nickname the student typed: trimmed, printable, short; empty means "keep the generated one". */
export function cleanNickname(typed: string): string | null {
	const name = typed.normalize('NFKC').replace(/[\p{C}]/gu, '').replace(/\s+/g, ' ').trim();
	if (!name) return null;
	return name.slice(0, 32);
}
