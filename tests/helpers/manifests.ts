import { readFileSync } from 'node:fs';
import type { ManifestInput, TravellerInput } from '../../src/domain/contracts/manifest.ts';

export function sampleManifest(): ManifestInput {
  return JSON.parse(
    readFileSync(new URL('../../fixtures/manifests/sample-flight.json', import.meta.url), 'utf8'),
  ) as ManifestInput;
}

let counter = 0;

export function traveller(overrides: Partial<TravellerInput> & { ref: string }): TravellerInput {
  return {
    role: 'passenger',
    surname: 'TESTER',
    givenNames: 'ALEX',
    sex: 'X',
    dateOfBirth: '1980-01-01',
    nationality: 'GBR',
    documents: [{ type: 'P', number: `T${String(++counter).padStart(8, '0')}`, issuingCountry: 'GBR' }],
    ...overrides,
  };
}

export function manifest(travellers: TravellerInput[], overrides: Partial<ManifestInput> = {}): ManifestInput {
  return {
    messageRef: `MSG-${Date.now()}-${++counter}`,
    kind: 'new',
    journey: {
      mode: 'air',
      carrier: 'BA',
      serviceNumber: 'BA0999',
      departure: { port: 'CDG', country: 'FRA', scheduled: '2026-12-05T08:00:00Z' },
      arrival: { port: 'LHR', country: 'GBR', scheduled: '2026-12-05T09:10:00Z' },
    },
    travellers,
    ...overrides,
  };
}
