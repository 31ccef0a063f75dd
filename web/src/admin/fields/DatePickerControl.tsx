// A labelled date (or date-and-time) picker on React Aria: typed segments
// plus a calendar popover. Used by DATE/DATETIME fields and the schedule.
import type { ReactNode } from 'react';
import {
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  DateInput,
  DatePicker,
  DateSegment,
  Dialog,
  Group,
  Heading,
  Label,
  Popover,
  type DateValue,
} from 'react-aria-components';

import { FieldHelp } from '../ui/FieldHelp';

/** What a picker of `T` hands back (a ZonedDateTime stays one, a CalendarDate too). */
type Picked<T extends DateValue> = Parameters<NonNullable<import('react-aria-components').DatePickerProps<T>['onChange']>>[0];

export interface DatePickerControlProps<T extends DateValue> {
  label: ReactNode;
  value: T | null;
  onChange(value: Picked<T>): void;
  onBlur?: () => void;
  granularity?: 'day' | 'minute';
  description?: ReactNode;
  error?: string | undefined;
  isRequired?: boolean;
  isDisabled?: boolean;
  className?: string;
  /** Offer a clear button (labelled `clearLabel`) while there is a value. */
  onClear?: () => void;
  clearLabel?: string;
}

export function DatePickerControl<T extends DateValue>({
  label,
  value,
  onChange,
  onBlur,
  granularity = 'day',
  description,
  error,
  isRequired,
  isDisabled,
  className,
  onClear,
  clearLabel = 'Clear',
}: DatePickerControlProps<T>) {
  return (
    <DatePicker<T>
      className={`field${className ? ` ${className}` : ''}`}
      value={value}
      onChange={onChange}
      onBlur={onBlur}
      granularity={granularity}
      hideTimeZone
      isRequired={isRequired}
      isDisabled={isDisabled}
      isInvalid={!!error}
      validationBehavior="aria"
      shouldForceLeadingZeros
    >
      <Label className="field-label">{label}</Label>
      <Group className="input date-group">
        <DateInput className="date-input">
          {(segment) => <DateSegment segment={segment} className="date-segment" />}
        </DateInput>
        {onClear && value ? (
          // slot={null}: not the picker's own calendar button.
          <Button slot={null} className="combo-clear" aria-label={clearLabel} onPress={onClear}>
            ×
          </Button>
        ) : null}
        <Button className="date-button">
          <span aria-hidden="true">▾</span>
        </Button>
      </Group>
      <FieldHelp description={description} error={error} />
      <Popover className="popover popover-fit">
        <Dialog className="calendar-dialog">
          <Calendar className="calendar">
            <header className="calendar-header">
              <Button slot="previous" className="btn btn-ghost btn-sm">
                ‹
              </Button>
              <Heading className="calendar-heading" />
              <Button slot="next" className="btn btn-ghost btn-sm">
                ›
              </Button>
            </header>
            <CalendarGrid className="calendar-grid">
              {(date) => <CalendarCell date={date} className="calendar-cell" />}
            </CalendarGrid>
          </Calendar>
        </Dialog>
      </Popover>
    </DatePicker>
  );
}
