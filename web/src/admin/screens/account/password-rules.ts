// The server's password rules (src/auth/password.rs), said again here so the
// form can judge a password before it is sent: 10 to 1024 characters, and a
// zxcvbn score of at least 2. The server runs the Rust port of Dropbox's
// zxcvbn over the first 128 characters, and that port scores only the first
// 100; the page runs Dropbox's own zxcvbn over the same 100, so both agree.
// The server stays the judge: its message shows under the field if they
// ever differ.

export const MIN_LENGTH = 10;
export const MAX_LENGTH = 1024;
/** Lowest score accepted: more than 10^6 guesses. */
export const MIN_SCORE = 2;
/** Characters the strength estimate reads. */
export const SCORED_CHARACTERS = 100;

/** What zxcvbn says of a password. */
export interface Estimate {
  /** 0 (guessed at once) to 4 (very hard to guess). */
  score: 0 | 1 | 2 | 3 | 4;
  warning: string;
  suggestions: string[];
}

export type Estimator = (password: string) => Estimate;

/** `unknown`: long enough, strength not estimated yet (zxcvbn loading). */
export type Verdict = 'empty' | 'too-short' | 'too-long' | 'unknown' | 'weak' | 'accepted';

export interface Assessment {
  verdict: Verdict;
  /** Characters as the server counts them (Unicode scalar values). */
  length: number;
  /** The meter's level, 0 to 4; null while the estimate is not known. */
  score: number | null;
  /** One sentence for under the field. */
  message: string;
  /** zxcvbn's advice, when it has some. */
  hints: string[];
}

const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

/** The meter's word for a score. */
export function scoreLabel(score: number): string {
  return LABELS[Math.max(0, Math.min(4, score))] ?? LABELS[0];
}

/** The part of a password the estimate reads, cut where the server cuts it. */
export function scoredPart(password: string): string {
  return Array.from(password).slice(0, SCORED_CHARACTERS).join('');
}

/**
 * Judges a password by the server's rules. `estimate` is zxcvbn, or
 * undefined while it loads: the length rules are judged without it.
 */
export function assessPassword(password: string, estimate: Estimator | undefined): Assessment {
  // Rust's `chars().count()`: code points, so an emoji counts once.
  const length = Array.from(password).length;
  if (length === 0) {
    return { verdict: 'empty', length, score: null, message: `At least ${MIN_LENGTH} characters.`, hints: [] };
  }
  if (length > MAX_LENGTH) {
    return {
      verdict: 'too-long',
      length,
      score: null,
      message: `At most ${MAX_LENGTH} characters (this one has ${length}).`,
      hints: [],
    };
  }
  if (length < MIN_LENGTH) {
    const missing = MIN_LENGTH - length;
    return {
      verdict: 'too-short',
      length,
      // Short passwords are refused whatever their score: the meter says so.
      score: 0,
      message: `${missing} more character${missing === 1 ? '' : 's'} needed (at least ${MIN_LENGTH}).`,
      hints: [],
    };
  }
  const result = estimate?.(scoredPart(password));
  if (!result) {
    return { verdict: 'unknown', length, score: null, message: 'Checking its strength…', hints: [] };
  }
  // zxcvbn's warnings lack the full stop its suggestions have.
  const hints = [result.warning, ...result.suggestions]
    .map((hint) => hint.trim())
    .filter((hint) => hint !== '')
    .map((hint) => (/[.!?]$/.test(hint) ? hint : `${hint}.`));
  if (result.score < MIN_SCORE) {
    return {
      verdict: 'weak',
      length,
      score: result.score,
      message: `${scoreLabel(result.score)}: too common or too easy to guess. Try a few unrelated words.`,
      hints,
    };
  }
  return {
    verdict: 'accepted',
    length,
    score: result.score,
    message: `${scoreLabel(result.score)}.`,
    hints,
  };
}
