import { serve } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => serve(event, 'cohortInfo');
export const DELETE: RequestHandler = (event) => serve(event, 'cohortDelete');
