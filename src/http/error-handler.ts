import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode, FieldIssue } from '../errors.ts';
import { ERRORS, PaxError } from '../errors.ts';

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_REQUEST',
};

function pathFromPointer(context: string | undefined, pointer: string): string {
  const parts = pointer.split('/').filter(Boolean);
  let out = context && context !== 'body' ? context : '';
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : out ? `.${p}` : p;
  return out || '(body)';
}

export function toErrorBody(code: ErrorCode, message?: string, issues?: FieldIssue[]): ErrorBody {
  const body: ErrorBody = { statusCode: ERRORS[code].status, code, message: message ?? ERRORS[code].message };
  if (issues && issues.length > 0) body.issues = issues;
  return body;
}

/** PostgreSQL error classes meaning the server is away or refusing work for now (not our request's fault). */
const PG_UNAVAILABLE = /^(08|53|57P)/;
const NET_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * The store could not take the request: SQLite's "database is locked" (SQLITE_BUSY, 5, here or in
 * the writer thread), or PostgreSQL restarting, unreachable, out of connections or shutting down.
 */
function isStoreUnavailable(error: Error & { errcode?: number; code?: string }): boolean {
  if (error.errcode === 5 || /database is locked|SQLITE_BUSY/.test(error.message ?? '')) return true;
  if (typeof error.code === 'string' && (PG_UNAVAILABLE.test(error.code) || NET_UNAVAILABLE.has(error.code)))
    return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)/.test(
    error.message ?? '',
  );
}

/** One place where errors become HTTP answers; a 5xx never carries internals. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof PaxError) {
    if (error.code === 'SATURATED' || error.code === 'NOT_READY') reply.header('retry-after', '1');
    else if (error.statusCode >= 500) request.log.error({ code: error.code }, 'service error');
    return reply.code(error.statusCode).send(toErrorBody(error.code, error.message, error.issues));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    // At most 50 issues listed, with the count: a body of a thousand bad travellers gets a readable answer.
    const issues = error.validation.map((v) => ({
      path: pathFromPointer(error.validationContext, v.instancePath),
      message: v.message ?? 'is invalid',
    }));
    const listed = issues.length > 50 ? '; the first 50 are listed' : '';
    return reply
      .code(400)
      .send(
        toErrorBody(
          'INVALID_REQUEST',
          `Invalid ${error.validationContext ?? 'request'}: ${issues.length} problem${issues.length === 1 ? '' : 's'}${listed}`,
          issues.slice(0, 50),
        ),
      );
  }
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped)
    return reply
      .code(ERRORS[mapped].status)
      .send(
        toErrorBody(mapped, mapped === 'INVALID_JSON' ? `The body is not valid JSON: ${error.message}` : undefined),
      );
  if (error.statusCode === 429) return reply.code(429).send(toErrorBody('RATE_LIMITED'));
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    // Any other client error fastify raises is a bad request, answered as the catalogue says.
    return reply.code(400).send(toErrorBody('INVALID_REQUEST', error.message));
  }
  // The database stayed locked past the busy timeout (a long purge, a backup), or PostgreSQL is
  // restarting or unreachable: nothing was stored, so the carrier is told to resend shortly (the
  // resend is idempotent) rather than handed a 500 — and never a directive that was not recorded.
  if (isStoreUnavailable(error)) {
    request.log.warn({ errCode: error.code ?? 'SQLITE_BUSY' }, 'store busy or unavailable: answered 503');
    reply.header('retry-after', '1');
    return reply.code(503).send(toErrorBody('STORE_BUSY'));
  }
  // Log the error's class and code, not its message: messages can quote request data.
  request.log.error(
    { errName: error.name, errCode: error.code, stack: error.stack?.split('\n').slice(0, 6).join('\n') },
    'unhandled error',
  );
  return reply.code(500).send(toErrorBody('INTERNAL'));
}
