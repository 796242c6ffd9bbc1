import { serveLive } from '$lib/server/live/instance';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) => serveLive(event, 'result');
