import type { Db } from '../db';
import { expireCohorts } from './cohorts';
import { sweepPartners } from './partners';

/** Every ten minutes: expired matches end, old ended ones and expired cohorts go. Reads never depend on it. */
export function startLearningSweeps(db: Db): void {
	const sweep = async () => {
		await sweepPartners(db);
		await expireCohorts(db);
	};
	setInterval(() => void sweep().catch((err) => console.error('community sweep failed:', (err as Error).message)), 10 * 60_000).unref();
}
