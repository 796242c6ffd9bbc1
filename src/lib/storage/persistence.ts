/** How much this site stores, and whether the browser promised to keep it. */
export interface StorageInfo {
	usageBytes: number | null;
	quotaBytes: number | null;
	persisted: boolean | null;
}

export async function storageInfo(): Promise<StorageInfo> {
	const s = typeof navigator !== 'undefined' ? navigator.storage : undefined;
	const estimate = await s?.estimate?.().catch(() => null);
	return {
		usageBytes: estimate?.usage ?? null,
		quotaBytes: estimate?.quota ?? null,
		persisted: (await s?.persisted?.().catch(() => null)) ?? null
	};
}

/** Asks the browser not to evict our data under storage pressure (it may say no). */
export async function requestPersistence(): Promise<boolean | null> {
	const s = typeof navigator !== 'undefined' ? navigator.storage : undefined;
	return (await s?.persist?.().catch(() => null)) ?? null;
}
