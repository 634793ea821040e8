/** The baseline: bare fastify answering every POST with a constant body, on the same machine. */
import Fastify from 'fastify';

const app = Fastify({ bodyLimit: 10 * 1024 * 1024 });
const body = JSON.stringify({
  manifestId: '00000000-0000-0000-0000-000000000000',
  complete: true,
  elapsedMs: 0,
  directives: [{ ref: 'T', directive: 'OK_TO_BOARD' }],
});
app.post('/*', async (_req, reply) => reply.type('application/json').send(body));
await app.listen({ port: Number(process.env.PORT ?? 18599), host: '127.0.0.1' });
process.send?.('ready');
