import { serve } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => serve(event, 'cohortCsv');
