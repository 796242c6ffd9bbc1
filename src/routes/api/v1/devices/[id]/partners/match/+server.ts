import { serve } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) => serve(event, 'partnerMatch');
