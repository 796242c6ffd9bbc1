import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return (err as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * PGlite neither locks nor fsyncs its data dir: two servers on one dir corrupt it.
 * Take an exclusive lock file holding our pid; a stale lock (dead pid) is taken over.
 * Returns the function that releases it.
 */
export function lockDataDir(dir: string): () => void {
	mkdirSync(dir, { recursive: true });
	const path = join(dir, 'tito.lock');
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(path, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			return () => rmSync(path, { force: true });
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
			const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
			if (Number.isInteger(holder) && holder !== process.pid && processAlive(holder)) {
				throw new DataDirLockedError(
					`The data directory ${dir} is in use by another Tito Web server (pid ${holder}). ` +
						'The embedded database serves one instance only: stop the other server, choose another DATA_DIR, ' +
						'or set DATABASE_URL to a PostgreSQL database to run several instances.'
				);
			}
			rmSync(path, { force: true });
		}
	}
	throw new DataDirLockedError(`Could not lock the data directory ${dir}.`);
}
