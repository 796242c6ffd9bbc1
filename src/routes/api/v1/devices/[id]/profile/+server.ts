import { serve } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const PUT: RequestHandler = (event) => serve(event, 'putProfile');
