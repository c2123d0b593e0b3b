/**
 * What a rule may read besides the model: facts computed at most once per
 * analysis and only when a rule asks (the schema check is the costly one).
 */
import type { UnitModel } from '../model/types';
import { validateSchema, type SchemaProblem } from '../schema/validate';

export class UnitFacts {
  private schemaProblems?: SchemaProblem[];

  constructor(
    readonly unit: UnitModel,
    /** The document as plain data (aliases and merges applied), as the schema sees it. */
    private readonly data: unknown,
  ) {}

  schema(): SchemaProblem[] {
    this.schemaProblems ??= validateSchema(this.unit.doc, this.data);
    return this.schemaProblems;
  }
}
