import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, matchFast } from '$lib/server/fast-path';

const request = (headers: Record<string, string>, remoteAddress = '10.0.0.9') => ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe('the fast path for hot write routes', () => {
	it('takes exactly its routes, with decoded params, and leaves everything else to SvelteKit', () => {
		const id = '0b5c4a9e-7c1d-4b8e-9f3a-2d6e8c1b0a11';
		expect(matchFast('POST', `/api/v1/devices/${id}/results`)?.params).toEqual({ id });
		expect(matchFast('PUT', `/api/v1/devices/${id}/profile`)?.params).toEqual({ id });
		expect(matchFast('POST', '/api/v1/devices')?.params).toEqual({});
		expect(matchFast('POST', '/api/v1/classes/ABC234/participants/p%201/result')?.params).toEqual({ code: 'ABC234', pid: 'p 1' });
		for (const [method, path] of [
			['GET', `/api/v1/devices/${id}/results`],
			['POST', `/api/v1/devices/${id}/results/`],
			['POST', `/api/v1/devices/${id}/results/x`],
			['DELETE', `/api/v1/devices/${id}`],
			['GET', '/api/v1/classes/ABC234/events'],
			['POST', '/api/v1/devices/%zz/results'],
			['POST', '/bench']
		]) {
			expect(matchFast(method, path), `${method} ${path}`).toBeNull();
		}
	});

	it('reads the client address as adapter-node does', () => {
		expect(clientAddress(request({}), {})).toBe('10.0.0.9');
		expect(clientAddress(request({ 'x-real-ip': '1.2.3.4' }), { ADDRESS_HEADER: 'X-Real-IP' })).toBe('1.2.3.4');
		// A configured header that is missing: SvelteKit answers (adapter-node reports the misconfiguration).
		expect(clientAddress(request({}), { ADDRESS_HEADER: 'x-real-ip' })).toBeNull();
		const xff = request({ 'x-forwarded-for': '7.7.7.7, 1.1.1.1, 2.2.2.2' });
		expect(clientAddress(xff, { ADDRESS_HEADER: 'x-forwarded-for' })).toBe('2.2.2.2');
		expect(clientAddress(xff, { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '2' })).toBe('1.1.1.1');
		expect(clientAddress(xff, { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '4' })).toBeNull();
	});
});
