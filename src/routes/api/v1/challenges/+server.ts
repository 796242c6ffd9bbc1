import { serve } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => serve(event, 'challenges');
export const POST: RequestHandler = (event) => serve(event, 'challengeCreate');
