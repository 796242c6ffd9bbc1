import type { RefTensor } from './types';

/** Allowed error: |out − ref| ≤ atol + rtol·|ref| for every element. */
export interface Tolerance {
	atol: number;
	rtol: number;
}

export interface CheckResult {
	passed: boolean;
	maxAbsError: number;
	/** The first element that failed, for the message. */
	worst: { index: number; got: number; want: number } | null;
}

export function checkOutput(got: ArrayLike<number>, want: RefTensor, tol: Tolerance): CheckResult {
	if (got.length !== want.data.length) {
		return { passed: false, maxAbsError: Infinity, worst: { index: -1, got: got.length, want: want.data.length } };
	}
	let maxAbsError = 0;
	let worst: CheckResult['worst'] = null;
	for (let i = 0; i < got.length; i++) {
		const err = Math.abs(got[i] - want.data[i]);
		// NaN compares false: treat it as a failure explicitly.
		const ok = err <= tol.atol + tol.rtol * Math.abs(want.data[i]);
		if (!ok && worst === null) worst = { index: i, got: got[i], want: want.data[i] };
		if (!(err <= maxAbsError)) maxAbsError = Number.isNaN(err) ? Infinity : err;
	}
	return { passed: worst === null, maxAbsError, worst };
}
