/**
 * TinyTorch's course, by name: the twenty modules a student builds and the six historical
 * milestones their framework reproduces. Stored by id; shown by name.
 */
export const MODULES = [
	{ id: '01_tensor', name: 'Tensor' },
	{ id: '02_activations', name: 'Activations' },
	{ id: '03_layers', name: 'Layers' },
	{ id: '04_losses', name: 'Losses' },
	{ id: '05_autograd', name: 'Autograd' },
	{ id: '06_optimizers', name: 'Optimizers' },
	{ id: '07_training', name: 'Training' },
	{ id: '08_dataloader', name: 'DataLoader' },
	{ id: '09_spatial', name: 'Convolutions (spatial)' },
	{ id: '10_tokenization', name: 'Tokenization' },
	{ id: '11_embeddings', name: 'Embeddings' },
	{ id: '12_attention', name: 'Attention' },
	{ id: '13_transformers', name: 'Transformers' },
	{ id: '14_profiling', name: 'Profiling' },
	{ id: '15_quantization', name: 'Quantization' },
	{ id: '16_compression', name: 'Compression' },
	{ id: '17_memoization', name: 'Memoization (KV cache)' },
	{ id: '18_acceleration', name: 'Acceleration' },
	{ id: '19_benchmarking', name: 'Benchmarking' },
	{ id: '20_capstone', name: 'Capstone (Torch Olympics)' }
] as const;

export const MILESTONES = [
	{ id: 'perceptron', name: 'Perceptron (1957)' },
	{ id: 'xor', name: 'XOR (1969)' },
	{ id: 'mlp', name: 'MLP (1986)' },
	{ id: 'cnn', name: 'CNN (1998)' },
	{ id: 'transformer', name: 'Transformer (2017)' },
	{ id: 'olympics', name: 'MLPerf / Torch Olympics (2018)' }
] as const;

export type ModuleId = (typeof MODULES)[number]['id'];
export type MilestoneId = (typeof MILESTONES)[number]['id'];
export const MODULE_IDS = MODULES.map((m) => m.id) as [ModuleId, ...ModuleId[]];
export const MILESTONE_IDS = MILESTONES.map((m) => m.id) as [MilestoneId, ...MilestoneId[]];

/**
 * Finds a module from what the CLI writes: "01_tensor", "01", "1", "tensor", "module_01".
 * Returns null for anything it cannot place, so callers can report it.
 */
export function moduleFromCli(value: unknown): ModuleId | null {
	const text = String(value).trim().toLowerCase();
	const number = /^(?:module[_-]?)?0*(\d{1,2})(?:_|$)/.exec(text)?.[1];
	if (number) return MODULES[Number(number) - 1]?.id ?? null;
	return MODULES.find((m) => m.id.slice(3) === text || m.name.toLowerCase() === text)?.id ?? null;
}

export function milestoneFromCli(value: unknown): MilestoneId | null {
	const text = String(value).trim().toLowerCase();
	const number = /^(?:milestone[_-]?)?0*(\d)(?:_|$)/.exec(text)?.[1];
	if (number) return MILESTONES[Number(number) - 1]?.id ?? null;
	return MILESTONES.find((m) => text.includes(m.id) || m.name.toLowerCase().startsWith(text))?.id ?? null;
}

/**
 * The CLI's progress lists come as arrays of names, or as objects of name -> true or
 * { completed: true }; either way, the ids that were completed, once each.
 */
export function idsFromCli<T extends string>(raw: unknown, from: (v: unknown) => T | null): T[] {
	const items = Array.isArray(raw)
		? raw
		: raw && typeof raw === 'object'
			? Object.entries(raw)
					.filter(([, v]) => v === true || (v as { completed?: boolean } | null)?.completed === true)
					.map(([k]) => k)
			: [];
	return [...new Set(items.map(from).filter((x): x is T => x !== null))];
}

// ISO 3166-1 alpha-2 codes; names come from the browser's own Intl data, so no list to keep up to date.
const REGION_CODES =
	'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
	'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
	'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO ' +
	'JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR ' +
	'MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO ' +
	'RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV ' +
	'TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW';

/** Country names for the join form, sorted for the reader's language. */
export function countryNames(locale = 'en'): string[] {
	const names = new Intl.DisplayNames([locale], { type: 'region' });
	return REGION_CODES.split(' ')
		.map((code) => names.of(code) ?? code)
		.sort((a, b) => a.localeCompare(b, locale));
}
