// The check box of a table with selectable rows. The box is drawn from the
// state of the element around it (`data-selected`, `data-indeterminate`),
// so a row can show the same mark without a control of its own.
import { Checkbox } from 'react-aria-components';

export function CheckMark() {
  return (
    <span className="check-mark-box" aria-hidden="true">
      <svg viewBox="0 0 18 18">
        <polyline points="3.5 9.5 7.5 13 14.5 5" />
      </svg>
    </span>
  );
}

/** The header's "select all" (and a row's box where rows have one). */
export function SelectionCheckbox() {
  return (
    <Checkbox slot="selection" className="check-mark">
      <CheckMark />
    </Checkbox>
  );
}
