import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.ts';
import { dbLocation } from '../../src/history/db-location.ts';

describe('--db', () => {
  it('is a file path unless it is a postgres:// or postgresql:// URL', () => {
    expect(dbLocation('reports/history.sqlite')).toEqual({ dialect: 'sqlite', path: 'reports/history.sqlite', shown: 'reports/history.sqlite' });
    expect(dbLocation('/var/lib/h.db').dialect).toBe('sqlite');
    expect(dbLocation('postgres://ci@db.example:5432/bench').dialect).toBe('postgres');
    expect(dbLocation('postgresql://ci@db.example/bench').dialect).toBe('postgres');
  });

  it('keeps the URL to connect with and shows it without the password', () => {
    const location = dbLocation('postgres://ci:s3cret@db.example:5432/bench?sslmode=require');
    expect(location).toMatchObject({ url: 'postgres://ci:s3cret@db.example:5432/bench?sslmode=require' });
    expect(location.shown).toBe('postgres://ci:***@db.example:5432/bench?sslmode=require');
    expect(dbLocation('postgres://db.example/bench?user=ci&password=s3cret').shown).toBe('postgres://db.example/bench?user=ci&password=***');
    expect(dbLocation('postgres://ci@db.example/bench').shown).toBe('postgres://ci@db.example/bench');
  });

  it('refuses an empty path and a URL that does not parse, without echoing its password', () => {
    expect(() => dbLocation('')).toThrow(UsageError);
    const refused = (() => {
      try {
        dbLocation('postgres://ci:s3cret@[bad/bench');
      } catch (error) {
        return error as Error;
      }
    })();
    expect(refused).toBeInstanceOf(UsageError);
    expect(refused!.message).toMatch(/--db: not a valid PostgreSQL URL/);
    expect(refused!.message).not.toContain('s3cret');
  });
});
