/** One settings checkbox with its label; the hint that describes it is the caller's (by id). */
export function Toggle(props: {
  testid: string;
  label: string;
  checked: boolean;
  describedBy?: string;
  disabled?: boolean;
  onChange: (input: HTMLInputElement) => void;
}) {
  return (
    <label class="toggle">
      <input
        type="checkbox"
        data-testid={props.testid}
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={props.describedBy}
        onChange={(e) => props.onChange(e.currentTarget)}
      />
      <span>{props.label}</span>
    </label>
  );
}
