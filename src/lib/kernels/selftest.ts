import { caseInputs, type KernelCase } from './cases';
import { checkOutput } from './check';
import { reference } from './registry';
import type { KernelProvider } from './types';

export interface CaseOutcome {
	name: string;
	op: string;
	passed: boolean;
	maxAbsError: number | null;
	tolerance: { atol: number; rtol: number };
	/** Why it failed or did not run, in words. */
	message: string | null;
}

/** Runs one correctness case on a provider and compares with the float64 reference. */
export async function runCase(provider: KernelProvider, c: KernelCase): Promise<CaseOutcome> {
	const base = { name: c.name, op: c.op, tolerance: c.tolerance };
	if (!provider.supports(c.op)) return { ...base, passed: false, maxAbsError: null, message: `${provider.label} has no ${c.op} kernel.` };
	const inputs = caseInputs(c);
	const want = reference(c.op, inputs, c.params);
	let prepared;
	try {
		prepared = await provider.prepare(c.op, inputs, c.params);
		await prepared.run();
		const got = await prepared.read();
		const check = checkOutput(got, want, c.tolerance);
		const message = check.worst
			? check.worst.index < 0
				? `output has ${check.worst.got} values, expected ${check.worst.want}`
				: `element ${check.worst.index}: got ${check.worst.got}, expected ${check.worst.want}`
			: null;
		return { ...base, passed: check.passed, maxAbsError: check.maxAbsError, message };
	} catch (err) {
		return { ...base, passed: false, maxAbsError: null, message: err instanceof Error ? err.message : String(err) };
	} finally {
		prepared?.dispose();
	}
}
