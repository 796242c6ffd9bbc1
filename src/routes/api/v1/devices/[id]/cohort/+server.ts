import { serve } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => serve(event, 'myCohort');
export const PUT: RequestHandler = (event) => serve(event, 'joinCohort');
export const DELETE: RequestHandler = (event) => serve(event, 'leaveCohort');
