import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { describeResponses } from './http/openapi-words.ts';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { registerAuth } from './http/auth.ts';
import { registerAudit } from './http/audit.ts';
import type { AppContext } from './http/context.ts';
import { errorHandler, toErrorBody } from './http/error-handler.ts';
import { registerMetrics } from './http/metrics.ts';
import { alertRoutes } from './http/routes/alerts.ts';
import { journeyRoutes } from './http/routes/journeys.ts';
import { auditLogRoutes } from './http/routes/audit-log.ts';
import { bookingRoutes } from './http/routes/bookings.ts';
import { suppressionRoutes } from './http/routes/suppressions.ts';
import { healthRoutes } from './http/routes/health.ts';
import { manifestRoutes } from './http/routes/manifests.ts';
import { reviewPageRoutes } from './http/routes/review-page.ts';
import { sessionRoutes } from './http/routes/session.ts';
import { ruleRoutes } from './http/routes/rules.ts';
import { watchlistRoutes } from './http/routes/watchlists.ts';
import { guardOperations } from './http/ops-token.ts';

/** Builds the HTTP application around ready-made dependencies; the process is started in server.ts. */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  // Typed as fastify's base logger so route plugins see the usual FastifyInstance.
  const logger: FastifyBaseLogger = ctx.log;
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: ctx.config.maxBodyBytes,
    trustProxy: ctx.config.trustProxy,
    // A client that declares a body and never sends it must not hold a connection for long:
    // inactivity closes the socket, and a whole request must arrive within a bound.
    connectionTimeout: ctx.config.idleTimeoutMs,
    requestTimeout: ctx.config.requestTimeoutMs,
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  guardOperations(app, ctx.config.opsToken);
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(toErrorBody('NOT_FOUND')));
  // A socket silent for idleTimeoutMs is closed by Node unless the response listens for its
  // timeout. Each response does, and closes it only while its request is still arriving (a client
  // that stopped sending); a request that arrived whole is being worked on — an index rebuilt after
  // an upload, a long batch budget — and keeps its connection until it is answered. Idle sockets
  // between requests have no response and are closed by Node as before.
  app.addHook('onRequest', async (request, reply) => {
    reply.raw.on('timeout', () => {
      if (!request.raw.complete) request.raw.socket.destroy();
    });
  });
  // Answered before the body arrived (401, 413, 503): the rest of the body is not waited for.
  app.addHook('onSend', async (request, reply) => {
    if (!request.raw.complete) reply.header('connection', 'close');
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'paxscreen',
        description: 'Passenger risk screening: board directives for carriers, alerts for officers.',
        version: '0.1.0',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: (documentObject) => describeResponses(jsonSchemaTransformObject(documentObject)),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  await app.register(fastifyCookie);
  registerAuth(app, ctx.auth, ctx.store);
  registerAudit(app, ctx.store);
  const routes = { ...ctx, metrics: registerMetrics(app, ctx) };
  await app.register(async (scope) => healthRoutes(scope, routes));
  await app.register(async (scope) => manifestRoutes(scope, routes));
  await app.register(async (scope) => alertRoutes(scope, routes));
  await app.register(async (scope) => journeyRoutes(scope, routes));
  await app.register(async (scope) => suppressionRoutes(scope, routes));
  await app.register(async (scope) => auditLogRoutes(scope, routes));
  await app.register(async (scope) => bookingRoutes(scope, routes));
  await app.register(async (scope) => watchlistRoutes(scope, routes));
  await app.register(async (scope) => ruleRoutes(scope, routes));
  await app.register(async (scope) => sessionRoutes(scope, routes));
  await app.register(async (scope) => reviewPageRoutes(scope));
  return app;
}
