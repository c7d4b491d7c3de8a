// The one seam between the history and its two databases. SQL is written once, with `?`
// placeholders, in the subset SQLite and PostgreSQL share; each connection runs it its own way.
export type Row = Record<string, unknown>;

export interface HistoryConnection {
  readonly dialect: 'sqlite' | 'postgres';
  /** The database as messages name it (a PostgreSQL URL without its password). */
  readonly shown: string;
  /** Rows of a query. */
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** A statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Several statements without parameters (a migration). */
  exec(sql: string): Promise<void>;
  /** Whether a table exists, without creating anything (a read must not need write access). */
  hasTable(name: string): Promise<boolean>;
  /**
   * `work` inside one transaction that no other writer of the history runs beside: all of it
   * is committed, or none of it when it throws.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
