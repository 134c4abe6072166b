/**
 * Types a code into a target the way a person's keyboard would look to the page: focus, key events,
 * the value set through the prototype's setter, then `input` and `change`. React tracks an input's
 * value through a setter it installs on the element itself; setting through HTMLInputElement's
 * prototype bypasses that tracker, so React's `input` handler sees a changed value and updates its
 * state (facebook/react#10135). Vue and Angular read the value on `input` and work either way.
 */
import type { OtpTarget } from './find';

// Read once at load; the content script's isolated world sees the browser's own setter, not a page's wrapper.
const valueProperty = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');

function key(el: HTMLInputElement, type: 'keydown' | 'keyup', ch: string): void {
  const code = /\d/.test(ch) ? `Digit${ch}` : /[a-z]/i.test(ch) ? `Key${ch.toUpperCase()}` : '';
  el.dispatchEvent(new KeyboardEvent(type, { key: ch, code, bubbles: true, cancelable: true, composed: true }));
}

/** One keystroke: the value becomes `value` after the key `ch` went down. */
function keystroke(el: HTMLInputElement, value: string, ch: string): void {
  key(el, 'keydown', ch);
  if (valueProperty?.set) valueProperty.set.call(el, value);
  else el.value = value;
  el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: ch }));
  key(el, 'keyup', ch);
}

function commit(el: HTMLInputElement): void {
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * Fills `code` into the target: the whole code into a single field (typed one character at a time),
 * or one character per box for split boxes. Returns whether the page kept every character.
 */
export function fillOtp(target: OtpTarget, code: string): boolean {
  if (target.kind === 'single') {
    const el = target.input;
    el.focus();
    for (let i = 1; i <= code.length; i++) keystroke(el, code.slice(0, i), code[i - 1]!);
    commit(el);
    return el.value.replace(/\s/g, '') === code;
  }
  const n = Math.min(code.length, target.inputs.length);
  for (let i = 0; i < n; i++) {
    const el = target.inputs[i]!;
    el.focus();
    keystroke(el, code[i]!, code[i]!);
    commit(el);
  }
  return code.length === target.inputs.length && target.inputs.every((el, i) => el.value === code[i]);
}
