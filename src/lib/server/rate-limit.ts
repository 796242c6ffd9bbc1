import { ApiError } from './http';

/**
 * Token buckets in memory, keyed by IP or by device. The IP is used only here, as a map
 * key that expires; it is never stored or logged. Lecture halls share one NAT address,
 * so the per-IP bucket is sized for hundreds of students arriving at once.
 */
export interface BucketRule {
	/** Requests allowed at once. */
	burst: number;
	/** Refill, requests per minute. */
	perMinute: number;
}

interface Bucket {
	tokens: number;
	at: number;
}

export class RateLimiter {
	#buckets = new Map<string, Bucket>();
	#lastSweep = 0;

	constructor(private now: () => number = Date.now) {}

	/** Takes one token; returns 0 when allowed, else the seconds until one is free. */
	take(key: string, rule: BucketRule): number {
		const t = this.now();
		this.#sweep(t);
		const perMs = rule.perMinute / 60_000;
		const b = this.#buckets.get(key) ?? { tokens: rule.burst, at: t };
		b.tokens = Math.min(rule.burst, b.tokens + (t - b.at) * perMs);
		b.at = t;
		this.#buckets.set(key, b);
		if (b.tokens >= 1) {
			b.tokens -= 1;
			return 0;
		}
		return Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000));
	}

	/** Takes one token or throws 429 with Retry-After. */
	check(key: string, rule: BucketRule): void {
		const wait = this.take(key, rule);
		if (wait) throw new ApiError(429, 'rate_limited', `Too many requests; try again in ${wait} s.`, undefined, { 'retry-after': String(wait) });
	}

	// Full buckets carry no information: drop them so the map stays small.
	#sweep(t: number) {
		if (t - this.#lastSweep < 60_000) return;
		this.#lastSweep = t;
		for (const [k, b] of this.#buckets) if (t - b.at > 10 * 60_000) this.#buckets.delete(k);
	}
}

const n = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Number(v) : d);

export const RATE_RULES = {
	ip: { burst: n(process.env.RATE_LIMIT_IP_BURST, 3000), perMinute: n(process.env.RATE_LIMIT_IP_PER_MIN, 12000) },
	device: { burst: n(process.env.RATE_LIMIT_DEVICE_BURST, 120), perMinute: n(process.env.RATE_LIMIT_DEVICE_PER_MIN, 240) }
} satisfies Record<string, BucketRule>;
