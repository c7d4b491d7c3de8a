// Every schema change of the history, in order. A migration is never edited once released: a
// change is a new entry with the next version, so every database reaches the same schema.
import { runsCellsValues } from './001-runs-cells-values.ts';

export interface Migration {
  version: number;
  description: string;
  /** The statements, per dialect (types and functions differ; tables and keys are the same). */
  sql: { sqlite: string; postgres: string };
}

export const MIGRATIONS: readonly Migration[] = [runsCellsValues];
