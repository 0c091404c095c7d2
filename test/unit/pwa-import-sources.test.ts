/** The import guide's apps (issue 13): every format reachable, every app either readable or advised. */
import { describe, expect, it } from 'vitest';
import { IMPORT_SOURCES, importSource, keptBy } from '../../pwa/app/vault/import-sources';
import { IMPORT_FORMATS } from '../../shared/vault/formats/types';

describe('IMPORT_SOURCES', () => {
  it.each(IMPORT_FORMATS.map((format) => [format]))('reaches the format %s from at least one app', (format) => {
    expect(IMPORT_SOURCES.filter((source) => source.formats.includes(format)).map((source) => source.name)).not.toEqual([]);
  });

  it.each(IMPORT_SOURCES.map((source) => [source.name, source]))('gives %s export steps, and either the formats it reads or advice', (_name, source) => {
    expect(source.steps.length).toBeGreaterThan(0);
    if (source.route === 'none') {
      expect(source.formats).toEqual([]);
      expect(source.advice?.length).toBeGreaterThan(0);
    } else {
      expect(source.formats.length).toBeGreaterThan(0);
      expect(source.reads).toMatch(/\S/);
      expect(source.advice).toBeUndefined();
    }
  });

  it('marks Authy as having no export, with the route around it', () => {
    const authy = importSource('authy')!;
    expect(authy.route).toBe('none');
    expect(authy.steps.join(' ')).toMatch(/cannot export/);
    expect(authy.steps.join(' ')).toMatch(/desktop apps in 2024/);
    expect(authy.advice!.join(' ')).toMatch(/turn two-factor authentication off, then on again/);
  });

  it('sends Google Authenticator to the scanner, not to a file', () => {
    expect(importSource('google-authenticator')).toMatchObject({ route: 'scan', formats: ['google-migration'] });
  });

  it('offers the file button only for apps whose formats are files', () => {
    for (const source of IMPORT_SOURCES) {
      expect(source.route === 'file', source.name).toBe(source.formats.length > 0 && !source.formats.includes('google-migration'));
    }
  });

  it('names every app once, and gives each a distinct id', () => {
    const names = IMPORT_SOURCES.map((source) => source.name.toLowerCase());
    const ids = IMPORT_SOURCES.map((source) => source.id);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lists every app the issue names', () => {
    expect(IMPORT_SOURCES.map((source) => source.name)).toEqual(
      expect.arrayContaining([
        'Aegis',
        '2FAS',
        'Google Authenticator',
        'andOTP',
        'Bitwarden',
        'FreeOTP+',
        'FreeOTP',
        'Proton Authenticator',
        'Ente Auth',
        'Authenticator Pro (Stratum)',
        'Steam Desktop Authenticator',
        'Authy',
        'A list of otpauth:// links',
        'A backup from this app',
      ]),
    );
  });
});

describe('keptBy', () => {
  it.each([
    ['aegis', 'Keeps groups, favourites, notes and icons with the accounts.'],
    ['2fas', 'Keeps groups with the accounts.'],
    ['acme-backup', 'Keeps groups, favourites, notes, icons and last-use times with the accounts.'],
    ['otpauth-list', 'Keeps the accounts only (no groups, favourites, notes or icons).'],
    ['authy', 'Keeps the accounts only (no groups, favourites, notes or icons).'],
  ])('says what an export of %s keeps besides the accounts', (id, words) => {
    expect(keptBy(importSource(id)!)).toBe(words);
  });
});
