import { json } from '@sveltejs/kit';
import { health } from '$lib/server/health';

export const GET = async () => json(await health(), { headers: { 'cache-control': 'no-store' } });
