// Version 1: runs, their labels, their cells and each cell's per-repetition metric values.
// Times are ISO UTC text in SQLite and timestamptz in PostgreSQL; run ids are meshbench's own.
import type { Migration } from './index.ts';

const tables = (time: string, real: string) => `
CREATE TABLE runs (
  run_id TEXT PRIMARY KEY,
  suite TEXT NOT NULL,
  started_at ${time} NOT NULL,
  finished_at ${time},
  target TEXT NOT NULL,
  status TEXT NOT NULL,
  meshbench_version TEXT NOT NULL,
  -- run.json's environment (the machine) and stacks (data path and facts per profile), as JSON
  machine TEXT NOT NULL,
  stacks TEXT NOT NULL,
  run_dir TEXT NOT NULL,
  added_at ${time} NOT NULL
);
CREATE INDEX runs_by_suite_and_start ON runs (suite, started_at);
CREATE TABLE run_labels (
  run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  -- 'user' (--label) or 'pin' (a version the suite's profiles pin)
  source TEXT NOT NULL,
  PRIMARY KEY (run_id, key)
);
CREATE TABLE cells (
  run_id TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
  cell_id TEXT NOT NULL,
  profile TEXT NOT NULL,
  experiment TEXT NOT NULL,
  point TEXT NOT NULL,
  repetition INTEGER NOT NULL,
  status TEXT NOT NULL,
  PRIMARY KEY (run_id, cell_id)
);
CREATE TABLE cell_values (
  run_id TEXT NOT NULL,
  cell_id TEXT NOT NULL,
  metric TEXT NOT NULL,
  unit TEXT NOT NULL,
  value ${real} NOT NULL,
  PRIMARY KEY (run_id, cell_id, metric),
  FOREIGN KEY (run_id, cell_id) REFERENCES cells (run_id, cell_id) ON DELETE CASCADE
);
`;

export const runsCellsValues: Migration = {
  version: 1,
  description: 'runs, run labels, cells and per-repetition metric values',
  sql: { sqlite: tables('TEXT', 'REAL'), postgres: tables('TIMESTAMPTZ', 'DOUBLE PRECISION') },
};
