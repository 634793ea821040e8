import type { Runtime } from '../runtime.ts';
import type { Authenticator } from './credentials.ts';
import type { Metrics } from './metrics.ts';

/**
 * What the HTTP application is built from: the runtime (store, pool, registries, the process's
 * logger) and the credentials — `buildApp({ ...runtime, auth })` in server.ts and the tests.
 */
export type AppContext = Omit<Runtime, 'loaded' | 'close'> & { auth: Authenticator };

/** What each route plugin receives: the app context and the metrics buildApp registered. */
export type RouteContext = AppContext & { metrics: Metrics };
