/**
 * What each answer means, for the OpenAPI document: fastify's swagger plugin labels every response
 * "Default Response" unless a route says otherwise, which tells a carrier's developer nothing.
 */
const MEANINGS: Record<string, string> = {
  '200': 'Done',
  '400': 'The request is invalid: the body names the fields (or EDIFACT segments) and why',
  '401': 'No valid bearer token or session',
  '403': 'This principal may not do that (role, carrier or CSRF)',
  '404': 'Not found',
  '409': 'Conflict: the state does not allow it, or the reference was used for another body',
  '413': 'The body is larger than this service accepts',
  '415': 'Unsupported Content-Type',
  '422': 'Refused: the list or rules in force are kept',
  '429': 'Too many requests: wait (Retry-After)',
  '503': 'Not ready, saturated, or the store is busy or unavailable: nothing was stored; retry (Retry-After)',
};

type Doc = { paths?: Record<string, Record<string, { responses?: Record<string, { description?: string }> }>> };

/** Replaces "Default Response" with the meaning of the status code, throughout the document. */
export function describeResponses<T>(doc: T): T {
  for (const methods of Object.values((doc as Doc).paths ?? {})) {
    for (const op of Object.values(methods)) {
      for (const [code, r] of Object.entries(op.responses ?? {}))
        if (r.description === 'Default Response') r.description = MEANINGS[code] ?? `HTTP ${code}`;
    }
  }
  return doc;
}
