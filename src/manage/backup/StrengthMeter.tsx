import { t } from '../../shared/i18n';
import { MIN_SCORE, type Strength } from './strength';

const LABELS = ['backup_strength_0', 'backup_strength_1', 'backup_strength_2', 'backup_strength_3', 'backup_strength_4'] as const;

/** The password's zxcvbn score as a meter, a word, and zxcvbn's own advice while it is below the bar. */
export function StrengthMeter({ strength }: { strength: Strength | null }) {
  const score = strength?.score ?? 0;
  const enough = strength !== null && score >= MIN_SCORE;
  return (
    <div class="strength" data-testid="backup-strength" data-score={strength === null ? '' : String(score)} aria-live="polite">
      <meter min={0} max={4} low={2} high={3} optimum={4} value={strength === null ? 0 : score + (enough ? 0 : 0.5)} aria-label={t('backup_strength')} />
      <span class={enough ? 'strength-word ok' : 'strength-word'}>{strength === null ? t('backup_strength_empty') : t(LABELS[score])}</span>
      {strength !== null && !enough ? (
        <ul class="strength-advice">
          {[strength.warning, ...strength.suggestions].filter((s): s is string => s !== null && s !== '').map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
