/**
 * The catalogue of coded errors: every error body a client can see has a stable code here, and its
 * HTTP status is decided here and nowhere else (http/error-handler.ts maps fastify's own errors onto
 * these codes). Messages are for people; codes are for programs.
 */
export const ERRORS = {
  INVALID_REQUEST: { status: 400, message: 'The request is invalid' },
  INVALID_JSON: { status: 400, message: 'The body is not valid JSON' },
  TOO_MANY_TRAVELLERS: {
    status: 400,
    message: 'The manifest names more travellers than this service accepts in one message',
  },
  INVALID_CURSOR: { status: 400, message: 'The cursor is not one this service issued' },
  UNAUTHENTICATED: { status: 401, message: 'A valid bearer token is required' },
  FORBIDDEN: { status: 403, message: 'This principal may not do that' },
  CSRF: { status: 403, message: 'A valid x-csrf-token header is required with a session cookie' },
  INVALID_CREDENTIALS: { status: 401, message: 'Wrong username or password' },
  RATE_LIMITED: { status: 429, message: 'Too many requests: slow down (Retry-After)' },
  SIGN_IN_DELAYED: {
    status: 429,
    message: 'Too many failed sign-ins for this username: wait a few seconds (Retry-After) and try again',
  },
  CARRIER_MISMATCH: { status: 403, message: "The journey's carrier is not the carrier this token speaks for" },
  NOT_FOUND: { status: 404, message: 'Not found' },
  ALERT_CLAIMED: { status: 409, message: 'Another officer is reviewing this alert' },
  ALERT_STATE: { status: 409, message: 'The alert is not in a state that allows this' },
  STORE_BUSY: {
    status: 503,
    message: 'The store is busy or unavailable; nothing was recorded: resend shortly (Retry-After)',
  },
  FOUR_EYES: { status: 409, message: 'Another officer must decide this alert' },
  MESSAGE_REF_REUSED: {
    status: 409,
    message: 'This messageRef was already used by this carrier for a different message',
  },
  LIST_REFUSED: {
    status: 422,
    message: 'The list was refused: it would skip or lose too many entries; the list in force is unchanged',
  },
  RULES_REFUSED: {
    status: 422,
    message: 'The rule files were refused: at least one rule is invalid; the rule set in force is unchanged',
  },
  JOURNEY_TOO_LARGE: {
    status: 400,
    message: 'The journey would hold more travellers than this service screens for one journey',
  },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The body is larger than this service accepts' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send application/json, or UN/EDIFACT as application/edifact' },
  NOT_READY: { status: 503, message: 'The service is not ready' },
  SATURATED: { status: 503, message: 'Screening capacity is saturated; retry after the delay given in Retry-After' },
  INTERNAL: { status: 500, message: 'Internal error' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldIssue {
  path: string;
  message: string;
}

export class PaxError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly issues: FieldIssue[] | undefined;

  constructor(code: ErrorCode, message?: string, issues?: FieldIssue[]) {
    super(message ?? ERRORS[code].message);
    this.name = 'PaxError';
    this.code = code;
    this.statusCode = ERRORS[code].status;
    this.issues = issues;
  }
}

/** A zod-style path rendered the way clients write it: travellers[3].documents[0].number */
export function renderPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '(body)';
}
