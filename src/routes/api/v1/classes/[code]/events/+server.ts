import { serveLive } from '$lib/server/live/instance';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => serveLive(event, 'projector');
