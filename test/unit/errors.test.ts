import { describe, expect, it } from 'vitest';
import { appErrorCodes, AppError, formatAppErrorMessage, isAppError, isAppErrorCode } from '../../shared/errors';
import { PORTAL_ERROR_MESSAGES } from '../../shared/portal/portal-errors';
import { IMPORT_ERROR_MESSAGES } from '../../shared/vault/import-errors';
import { LAUNCH_ERROR_MESSAGES } from '../../shared/launch-errors';

describe('AppError', () => {
  it('carries its code, details and the message from the table', () => {
    const error = new AppError('digits_out_of_range', { field: 'digits', value: 5 });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AppError');
    expect(error.code).toBe('digits_out_of_range');
    expect(error.details).toEqual({ field: 'digits', value: 5 });
    expect(error.message).toBe(formatAppErrorMessage('digits_out_of_range', { field: 'digits', value: 5 }));
    expect(error.message).toMatch(/digits/);
    expect(error.message).toMatch(/6 to 10/);
  });

  it('freezes a copy of the details', () => {
    const details = { field: 'period' };
    const error = new AppError('period_invalid', details);
    details.field = 'changed';
    expect(error.details.field).toBe('period');
    expect(Object.isFrozen(error.details)).toBe(true);
  });

  it('keeps a cause', () => {
    const cause = new URIError('bad escape');
    expect(new AppError('label_invalid', { field: 'label' }, { cause }).cause).toBe(cause);
  });

  it('shortens long quoted values', () => {
    const message = formatAppErrorMessage('unsupported_algorithm', { field: 'algorithm', value: 'X'.repeat(500) });
    expect(message).not.toContain('X'.repeat(25));
    expect(message).toContain('…');
  });
});

describe('formatAppErrorMessage', () => {
  it.each(appErrorCodes().map((code) => [code]))('gives %s a sentence without details', (code) => {
    const message = formatAppErrorMessage(code);
    expect(message.length).toBeGreaterThan(20);
    expect(message).not.toMatch(/undefined|null|\[object/);
  });

  it("includes the portal's and the import formats' codes once their messages are loaded", () => {
    expect(appErrorCodes()).toEqual(
      expect.arrayContaining([...Object.keys(PORTAL_ERROR_MESSAGES), ...Object.keys(IMPORT_ERROR_MESSAGES), ...Object.keys(LAUNCH_ERROR_MESSAGES)]),
    );
    expect(new AppError('share_expired').message).toMatch(/keeps it only until it opens it/);
    expect(new AppError('import_corrupt', { format: 'aegis' }).message).toMatch(/This Aegis file is damaged/);
    expect(new AppError('invalid_credentials').message).toMatch(/email or password is not correct/);
    expect(isAppErrorCode('invalid_credentials')).toBe(true);
  });

  it('returns a generic message for an unknown code instead of throwing', () => {
    expect(formatAppErrorMessage('no_such_code' as never)).toMatch(/no_such_code/);
  });
});

describe('isAppError', () => {
  it.each([
    ['an AppError', new AppError('missing_secret', { field: 'secret' }), true],
    ['a plain Error', new Error('boom'), false],
    ['a string', 'missing_secret', false],
    ['null', null, false],
    ['an object with a code', { name: 'AppError', code: 'missing_secret' }, false],
  ])('returns %s -> %s', (_name, value, expected) => {
    expect(isAppError(value)).toBe(expected);
  });

  it('filters by code', () => {
    const error = new AppError('missing_secret', { field: 'secret' });
    expect(isAppError(error, 'missing_secret')).toBe(true);
    expect(isAppError(error, 'secret_not_base32')).toBe(false);
  });

  it('recognises an AppError from another copy of the module by name and code', () => {
    const foreign = Object.assign(new Error('x'), { name: 'AppError', code: 'period_invalid' });
    expect(isAppError(foreign)).toBe(true);
    expect(isAppError(Object.assign(new Error('x'), { name: 'AppError', code: 'nope' }))).toBe(false);
  });
});

describe('isAppErrorCode', () => {
  it('accepts table codes only', () => {
    expect(isAppErrorCode('not_otpauth_uri')).toBe(true);
    expect(isAppErrorCode('toString')).toBe(false);
    expect(isAppErrorCode(3)).toBe(false);
  });
});
