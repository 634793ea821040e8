import { z } from 'zod';

/**
 * The rule file format. Each `kind` names a built-in evaluator and fixes the shape of its params, so a
 * rule cannot refer to anything the engine does not know — and nothing here can name nationality or
 * sex: the schema has no field through which a rule could score them (params are strict objects).
 */
const RuleBase = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be lower-case words joined by hyphens'),
  title: z.string().min(5).max(200),
  rationale: z.string().min(20, 'must say why the rule exists, its source and its false-positive traps'),
  score: z.number().int().min(1).max(200),
  context: z.boolean().default(false).describe('a weak signal: counts only alongside a non-context rule'),
  enabled: z.boolean().default(true),
};

const minorAgeBelow = z.number().int().min(1).max(21).default(18);
const adultAgeFrom = z.number().int().min(14).max(30).default(18);
/** School trips and sports teams: an agency booking of at least this many travellers is exempt. */
const exemptAgencyGroupsOfAtLeast = z.number().int().min(2).max(500).default(10);
const windowDays = (d: number) => z.number().int().min(1).max(3650).default(d);
/** Identities (doc:COUNTRY:NUMBER) of professional escorts and carers who are never counted. */
const allowList = z.array(z.string().min(3)).max(10_000).default([]);

function rule<K extends string, P extends z.ZodRawShape>(kind: K, params: P) {
  return z.strictObject({ ...RuleBase, kind: z.literal(kind), params: z.strictObject(params).prefault({} as never) });
}

export const RULE_SHAPES = {
  'minor-with-unrelated-adults': { minorAgeBelow, adultAgeFrom, exemptAgencyGroupsOfAtLeast },
  'minor-alone': { minorAgeBelow, adultAgeFrom, exemptAgencyGroupsOfAtLeast },
  'repeat-escort': {
    minorAgeBelow,
    adultAgeFrom,
    exemptAgencyGroupsOfAtLeast,
    minMinors: z.number().int().min(2).default(3),
    minJourneys: z.number().int().min(1).default(2),
    windowDays: windowDays(180),
    allowList,
  },
  'repeat-guardian': {
    minorAgeBelow,
    minMinors: z.number().int().min(2).default(3),
    windowDays: windowDays(180),
    allowList: z.array(z.string()).default([]),
  },
  'arrive-leave-without': {
    minorAgeBelow,
    adultAgeFrom,
    withinDays: z.number().int().min(1).max(365).default(14),
    minTimes: z.number().int().min(1).default(2),
    homeCountry: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .default('GBR'),
    windowDays: windowDays(180),
  },
  'minor-many-adults': {
    minorAgeBelow,
    adultAgeFrom,
    exemptAgencyGroupsOfAtLeast,
    minAdults: z.number().int().min(2).default(2),
    windowDays: windowDays(180),
    allowList,
  },
  'adults-many-minors': {
    minorAgeBelow,
    adultAgeFrom,
    maxAdults: z.number().int().min(1).default(2),
    minMinors: z.number().int().min(2).default(3),
    exemptAgencyGroupsOfAtLeast,
  },
  'repeat-payer': {
    minTravellers: z.number().int().min(2).default(5),
    minFamilies: z.number().int().min(2).default(3),
    minJourneys: z.number().int().min(1).default(2),
    windowDays: windowDays(30),
  },
  'one-way-adult-group': {
    adultAgeFrom,
    minAdults: z.number().int().min(2).default(5),
    exemptAgencyGroupsOfAtLeast: z.number().int().min(2).max(500).default(500),
  },
  'late-cash-booking': { withinHours: z.number().min(1).max(720).default(48) },
  'minor-one-way': { minorAgeBelow },
  'identity-inconsistent': { windowDays: windowDays(180), allowSurnameChange: z.boolean().default(true) },
} as const;

export const RuleDefinition = z.discriminatedUnion('kind', [
  rule('minor-with-unrelated-adults', RULE_SHAPES['minor-with-unrelated-adults']),
  rule('minor-alone', RULE_SHAPES['minor-alone']),
  rule('repeat-escort', RULE_SHAPES['repeat-escort']),
  rule('repeat-guardian', RULE_SHAPES['repeat-guardian']),
  rule('arrive-leave-without', RULE_SHAPES['arrive-leave-without']),
  rule('minor-many-adults', RULE_SHAPES['minor-many-adults']),
  rule('adults-many-minors', RULE_SHAPES['adults-many-minors']),
  rule('repeat-payer', RULE_SHAPES['repeat-payer']),
  rule('one-way-adult-group', RULE_SHAPES['one-way-adult-group']),
  rule('late-cash-booking', RULE_SHAPES['late-cash-booking']),
  rule('minor-one-way', RULE_SHAPES['minor-one-way']),
  rule('identity-inconsistent', RULE_SHAPES['identity-inconsistent']),
]);
export type RuleDefinition = z.infer<typeof RuleDefinition>;
export type RuleKind = RuleDefinition['kind'];
export type ParamsOf<K extends RuleKind> = Extract<RuleDefinition, { kind: K }>['params'];

export const RuleFile = z.union([RuleDefinition, z.array(RuleDefinition).min(1)]);

export interface RuleSet {
  version: string;
  rules: RuleDefinition[];
}

/** Rules that read earlier journeys: the service fetches history only when one of them is enabled. */
export const HISTORY_KINDS: ReadonlySet<RuleKind> = new Set([
  'repeat-escort',
  'repeat-guardian',
  'arrive-leave-without',
  'minor-many-adults',
  'repeat-payer',
  'identity-inconsistent',
]);
