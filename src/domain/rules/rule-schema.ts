import { z } from 'zod';

/**
 * The rule file format. Each `kind` names a built-in evaluator and fixes the shape of its params, so a
 * rule cannot refer to anything the engine does not know — and nothing here can name nationality or
 * sex: the schema has no field through which a rule could score them.
 */
const RuleBase = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be lower-case words joined by hyphens'),
  title: z.string().min(5).max(200),
  rationale: z.string().min(20, 'must say why the rule exists, its source and its false-positive traps'),
  score: z.number().int().min(1).max(200),
  context: z.boolean().default(false).describe('a weak signal: counts only alongside a non-context rule'),
  enabled: z.boolean().default(true),
};

export const MinorWithUnrelatedAdultsParams = z.strictObject({
  minorAgeBelow: z.number().int().min(1).max(21).default(18),
  adultAgeFrom: z.number().int().min(14).max(30).default(18),
  /** School trips and sports teams: an agency booking of at least this many travellers is exempt. */
  exemptAgencyGroupsOfAtLeast: z.number().int().min(2).max(500).default(10),
});

export const RuleDefinition = z.discriminatedUnion('kind', [
  z.strictObject({ ...RuleBase, kind: z.literal('minor-with-unrelated-adults'), params: MinorWithUnrelatedAdultsParams.default(MinorWithUnrelatedAdultsParams.parse({})) }),
]);
export type RuleDefinition = z.infer<typeof RuleDefinition>;
export type RuleKind = RuleDefinition['kind'];

export const RuleFile = z.union([RuleDefinition, z.array(RuleDefinition).min(1)]);

export interface RuleSet {
  version: string;
  rules: RuleDefinition[];
}
