import { serve } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => serve(event, 'myChallenge');
export const PUT: RequestHandler = (event) => serve(event, 'enterChallenge');
export const DELETE: RequestHandler = (event) => serve(event, 'withdrawChallenge');
