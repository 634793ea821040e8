import pino from 'pino';
import type { Logger, LoggerOptions } from 'pino';

/**
 * What every module logs through: pino's own shape, so the one logger server.ts creates (or a child
 * of it, or the request logger) can be passed anywhere. Lines carry ids and counts only, never a
 * name, a date of birth or a document number.
 */
export interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Request logs carry the method, the path without its query string (queries can hold names) and
 * ids; the authorization header and cookies are redacted. Bodies are never logged.
 */
export function loggerOptions(level: string, format: 'json' | 'pretty' = 'json'): LoggerOptions {
  return {
    level,
    // On a terminal, lines for people (pino-pretty, in its own thread); JSON for log collectors.
    ...(format === 'pretty'
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } }
      : {}),
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        path: req.url.split('?')[0],
        id: req.id,
      }),
    },
  };
}

/** The process's one logger (server.ts); the HTTP service, the runtime and the CLI write through it. */
export function createLogger(level: string, format: 'json' | 'pretty' = 'json'): Logger {
  return pino(loggerOptions(level, format));
}
