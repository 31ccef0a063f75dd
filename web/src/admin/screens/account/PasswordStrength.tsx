// The strength meter under a new password. zxcvbn (about 400 KB gzipped,
// mostly word lists) loads on demand, the first time someone types a new
// password, so no other screen pays for it.
import { useEffect, useState } from 'react';
import { Label, Meter } from 'react-aria-components';

import { scoreLabel, type Assessment, type Estimator } from './password-rules';

let pending: Promise<Estimator | null> | undefined;

function loadEstimator(): Promise<Estimator | null> {
  pending ??= import('zxcvbn').then(
    ({ default: zxcvbn }): Estimator =>
      (password) => {
        const { score, feedback } = zxcvbn(password);
        return { score, warning: feedback.warning, suggestions: feedback.suggestions };
      },
    // Offline or a stale deployment: the server still judges on save.
    () => null,
  );
  return pending;
}

/**
 * zxcvbn once `wanted` (it starts loading then); undefined while it loads,
 * null when it could not be loaded.
 */
export function useEstimator(wanted: boolean): Estimator | null | undefined {
  const [estimator, setEstimator] = useState<Estimator | null>();
  useEffect(() => {
    if (!wanted || estimator !== undefined) return;
    let live = true;
    void loadEstimator().then((loaded) => {
      // A function in state must be wrapped, or React calls it.
      if (live) setEstimator(() => loaded);
    });
    return () => {
      live = false;
    };
  }, [wanted, estimator]);
  return estimator;
}

/** The meter: five steps, coloured by whether the server would accept it. */
export function StrengthMeter({ assessment }: { assessment: Assessment }) {
  if (assessment.score === null) return null;
  const refused = assessment.verdict !== 'accepted';
  return (
    <Meter
      className={`strength strength-${refused ? 'refused' : `score-${assessment.score}`}`}
      minValue={0}
      maxValue={4}
      value={assessment.score}
      valueLabel={
        assessment.verdict === 'too-short' ? 'Too short' : scoreLabel(assessment.score)
      }
    >
      {({ percentage, valueText }) => (
        <>
          <div className="strength-row">
            <Label className="strength-label">Strength</Label>
            <span className="strength-value">{valueText}</span>
          </div>
          <div className="strength-track" aria-hidden="true">
            {/* A sliver shows even at 0, so the meter never looks empty. */}
            <div className="strength-fill" style={{ width: `${Math.max(percentage, 6)}%` }} />
          </div>
        </>
      )}
    </Meter>
  );
}
