// Local-first: every page renders in the browser from IndexedDB and workers, so the
// same app shell serves every route, online or offline.
export const ssr = false;
export const prerender = false;
