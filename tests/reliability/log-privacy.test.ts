/**
 * No log line carries a name, a date of birth or a document number (issue 15): everything the
 * service logs at the most verbose level while it screens, refuses bad input and serves officers is
 * captured and searched for what travellers sent.
 */
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { loggerOptions } from '../../src/log.ts';
import { bearer, startTestApp, TOKENS } from '../helpers/test-app.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { manifest, traveller } from '../helpers/manifests.ts';

let t: TestApp | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('logs', () => {
  it('carry none of the names, dates of birth or document numbers submitted', async () => {
    let captured = '';
    const stream = new Writable({
      write(chunk, _enc, done) {
        captured += String(chunk);
        done();
      },
    });
    // The service's own logger options (as server.ts uses them), at the most verbose level.
    t = await startTestApp({}, { logger: pino(loggerOptions('trace'), stream) });
    const app = t.app;
    const secrets = {
      surname: 'LOGPRIVACYSURNAME',
      givenNames: 'LOGPRIVACYGIVEN',
      dateOfBirth: '1961-07-19',
      document: 'LP9988771',
    };
    const person = traveller({
      ref: 'L1',
      surname: secrets.surname,
      givenNames: secrets.givenNames,
      dateOfBirth: secrets.dateOfBirth,
      documents: [{ type: 'P', number: secrets.document, issuingCountry: 'FRA' }],
    });
    // Accepted, a check-in, a listed person (the demo list's), and input refused at the edge.
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/v1/manifests',
          headers: bearer(TOKENS.carrierBA),
          payload: manifest([
            person,
            traveller({ ref: 'L2', surname: 'KOVALENKO', givenNames: 'DMYTRO', dateOfBirth: '1979-04-12' }),
          ]),
        })
      ).statusCode,
    ).toBe(200);
    const bad = manifest([{ ...person, dateOfBirth: '1961-02-30' }]);
    expect(
      (await app.inject({ method: 'POST', url: '/v1/manifests', headers: bearer(TOKENS.carrierBA), payload: bad }))
        .statusCode,
    ).toBe(400);
    const unusable = manifest([{ ...person, surname: '…', givenNames: '' }]);
    expect(
      (await app.inject({ method: 'POST', url: '/v1/manifests', headers: bearer(TOKENS.carrierBA), payload: unusable }))
        .statusCode,
    ).toBe(400);
    await app.inject({
      url: `/v1/watchlists/search?surname=${secrets.surname}&dateOfBirth=${secrets.dateOfBirth}`,
      headers: bearer(TOKENS.officer),
    });
    for (const a of (await app.inject({ url: '/v1/alerts', headers: bearer(TOKENS.officer) })).json().items as Array<{
      id: string;
    }>) {
      await app.inject({ url: `/v1/alerts/${a.id}`, headers: bearer(TOKENS.officer) });
    }
    expect(captured.length).toBeGreaterThan(1000);
    for (const value of [...Object.values(secrets), 'KOVALENKO', 'DMYTRO', '1979-04-12'])
      expect(captured.includes(value), value).toBe(false);
  });
});
