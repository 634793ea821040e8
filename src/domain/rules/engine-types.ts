/** One rule firing for one traveller, before the engine attaches the rule's id, title and score. */
export interface Firing {
  travellerRef: string;
  facts: Record<string, unknown>;
}
