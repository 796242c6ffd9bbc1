import { serve } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => serve(event, 'myPartners');
export const PUT: RequestHandler = (event) => serve(event, 'savePartners');
export const DELETE: RequestHandler = (event) => serve(event, 'leavePartners');
