import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

const ASSETS: Record<string, { file: string; type: string }> = {
  '/review': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/review/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/review/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
  ...Object.fromEntries(
    ['lib', 'queue', 'alert', 'alert-reasons', 'journey', 'oversight'].map((m) => [
      `/review/${m}.js`,
      { file: `${m}.js`, type: 'text/javascript; charset=utf-8' },
    ]),
  ),
};

/** The officer page: a few static files, no build step, nothing loaded from outside this service. */
export async function reviewPageRoutes(app: FastifyInstance) {
  // People who open the service's address land on the officer page.
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/review'));
  for (const [url, asset] of Object.entries(ASSETS)) {
    const body = readFileSync(new URL(`../../review/${asset.file}`, import.meta.url), 'utf8');
    app.get(url, { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type(asset.type)
        .header(
          'content-security-policy',
          "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
        )
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .header('cache-control', 'no-store')
        .send(body),
    );
  }
}
