import type { ComponentChildren } from 'preact';
import { t } from '../../shared/i18n';

interface Props {
  id: string;
  label: string;
  error?: string | null | undefined;
  hint?: string | undefined;
  /** Marks the label "required" (issue 12); the control carries `aria-required` itself. */
  required?: boolean;
  children: ComponentChildren;
}

/** A label, its control (which must carry `id` and `aria-describedby={describedBy(id, …)}`), a hint and an error. */
export function Field({ id, label, error, hint, required, children }: Props) {
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>
        {label}
        {required ? <span class="required">{t('field_required')}</span> : null}
      </label>
      {children}
      {hint && !error ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error" id={`${id}-error`} data-testid={`error-${id}`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Props that tie a control to its hint or error, for `aria-describedby` and `aria-invalid`. */
export function describedBy(id: string, error: string | null | undefined, hint?: string): Record<string, string> {
  if (error) return { 'aria-describedby': `${id}-error`, 'aria-invalid': 'true' };
  if (hint) return { 'aria-describedby': `${id}-hint` };
  return {};
}

/** A form-wide error that belongs to no single field. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p class="error form-error" data-testid="form-error" role="alert">
      {message}
    </p>
  );
}
