// The account screen's copy of the server's password rules
// (src/auth/password.rs): 10 to 1024 characters counted as Rust counts them,
// and a zxcvbn score of at least 2 over the first 100 characters. The real
// zxcvbn runs here, so these are the verdicts the page will show.
import zxcvbn from 'zxcvbn';
import { describe, expect, it } from 'vitest';

import {
  assessPassword,
  scoredPart,
  type Estimate,
  type Estimator,
} from '../../src/admin/screens/account/password-rules';

const real: Estimator = (password) => {
  const { score, feedback } = zxcvbn(password);
  return { score, warning: feedback.warning, suggestions: feedback.suggestions };
};

const fixed =
  (score: Estimate['score']): Estimator =>
  () => ({ score, warning: '', suggestions: [] });

describe('assessPassword', () => {
  it('asks for 10 characters, counting an emoji once as the server does', () => {
    expect(assessPassword('', real).verdict).toBe('empty');
    const short = assessPassword('abc', real);
    expect(short).toMatchObject({ verdict: 'too-short', score: 0 });
    expect(short.message).toBe('7 more characters needed (at least 10).');
    // Nine code points but eighteen UTF-16 units: still too short.
    const emoji = '🦊'.repeat(9);
    expect(emoji.length).toBe(18);
    expect(assessPassword(emoji, fixed(4))).toMatchObject({ verdict: 'too-short', length: 9 });
    expect(assessPassword('🦊'.repeat(10), fixed(4)).verdict).toBe('accepted');
  });

  it('refuses more than 1024 characters', () => {
    expect(assessPassword('a'.repeat(1024), fixed(4)).verdict).toBe('accepted');
    expect(assessPassword('a'.repeat(1025), fixed(4))).toMatchObject({
      verdict: 'too-long',
      length: 1025,
    });
  });

  it('refuses a score under 2 and accepts 2 and up', () => {
    expect(assessPassword('long enough now', fixed(1)).verdict).toBe('weak');
    expect(assessPassword('long enough now', fixed(2))).toMatchObject({
      verdict: 'accepted',
      score: 2,
      message: 'Fair.',
    });
  });

  it('judges common passwords as the server does', () => {
    for (const weak of ['password1234', '1234567890', 'qwertyuiop12', 'aaaaaaaaaaaa', 'abcdefghij']) {
      expect(assessPassword(weak, real).verdict, weak).toBe('weak');
    }
    for (const strong of [
      'demo-password-1234',
      'correct horse battery staple',
      'Admin-e2e-password-42',
    ]) {
      expect(assessPassword(strong, real).verdict, strong).toBe('accepted');
    }
  });

  it('passes on zxcvbn’s advice for a weak password', () => {
    const weak = assessPassword('password1234', real);
    expect(weak.hints).toContain('This is a very common password.');
    expect(weak.message).toMatch(/too common or too easy to guess/);
  });

  it('judges length alone while the estimator loads', () => {
    expect(assessPassword('short', undefined).verdict).toBe('too-short');
    expect(assessPassword('long enough now', undefined)).toMatchObject({
      verdict: 'unknown',
      score: null,
    });
  });

  it('scores only the first 100 characters, like the server', () => {
    const seen: string[] = [];
    const spy: Estimator = (password) => {
      seen.push(password);
      return { score: 4, warning: '', suggestions: [] };
    };
    assessPassword('🦊'.repeat(150), spy);
    expect(Array.from(seen[0] ?? '').length).toBe(100);
    expect(scoredPart('abc')).toBe('abc');
  });
});
