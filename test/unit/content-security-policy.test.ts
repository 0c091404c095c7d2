import { describe, expect, it } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import { contentSecurityPolicy } from '../../pwa/content-security-policy.js';

/** A policy's directives: name -> its sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('contentSecurityPolicy', () => {
  it.each([
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", "'wasm-unsafe-eval'"]],
    ['img-src', ["'self'", 'blob:']],
    ['worker-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['manifest-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'self'"]],
    ['frame-ancestors', ["'none'"]],
  ])('sets %s to %j in the header', (name, sources) => {
    expect(directives(contentSecurityPolicy()).get(name)).toEqual(sources);
  });

  it('allows no inline script, no eval and no other origin anywhere', () => {
    const policy = contentSecurityPolicy();
    expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|https?:|\*|data:/);
  });

  it('leaves frame-ancestors out of the meta tag, which ignores it, and keeps everything else', () => {
    const header = directives(contentSecurityPolicy());
    const meta = directives(contentSecurityPolicy({ meta: true }));
    header.delete('frame-ancestors');
    expect(meta).toEqual(header);
  });
});

describe('manifest.json content_security_policy', () => {
  const policy = directives(manifest.content_security_policy.extension_pages);

  it('is explicit and at least as strict as MV3\'s default (script-src \'self\'; object-src \'self\')', () => {
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(manifest.content_security_policy.extension_pages).not.toMatch(/'unsafe-|https?:|\*|data:|blob:/);
  });

  it.each([
    ['default-src', ["'self'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'self'"]],
    ['frame-ancestors', ["'none'"]],
  ])('sets %s to %j', (name, sources) => {
    expect(policy.get(name)).toEqual(sources);
  });
});
