// A day range filter (created, updated, published) on React Aria's
// DateRangePicker: typed segments or a calendar, in the user's locale.
import {
  Button,
  CalendarCell,
  CalendarGrid,
  DateInput,
  DateRangePicker,
  DateSegment,
  Dialog,
  Group,
  Heading,
  Label,
  Popover,
  RangeCalendar,
} from 'react-aria-components';

import type { DateRange } from './params';

export function DateRangeFilter({
  label,
  value,
  onChange,
}: {
  label: string;
  value: DateRange | null;
  onChange(value: DateRange | null): void;
}) {
  return (
    <div className="list-date-filter">
      <DateRangePicker
        className="list-filter"
        value={value}
        onChange={(range) => onChange(range ? { start: range.start, end: range.end } : null)}
        granularity="day"
      >
        <Label className="list-filter-label">{label}</Label>
        <Group className="list-date-group">
          <DateInput slot="start" className="list-date-input">
            {(segment) => <DateSegment segment={segment} className="list-date-segment" />}
          </DateInput>
          <span aria-hidden="true">–</span>
          <DateInput slot="end" className="list-date-input">
            {(segment) => <DateSegment segment={segment} className="list-date-segment" />}
          </DateInput>
          <Button className="list-icon-button">
            <span aria-hidden="true">▾</span>
          </Button>
        </Group>
        <Popover className="popover popover-fit" placement="bottom start">
          <Dialog className="list-calendar-dialog" aria-label={`${label} range`}>
            <RangeCalendar className="list-calendar">
              <header className="list-calendar-header">
                <Button slot="previous" className="list-icon-button">
                  ◀
                </Button>
                <Heading />
                <Button slot="next" className="list-icon-button">
                  ▶
                </Button>
              </header>
              <CalendarGrid>
                {(date) => <CalendarCell date={date} className="list-calendar-cell" />}
              </CalendarGrid>
            </RangeCalendar>
          </Dialog>
        </Popover>
      </DateRangePicker>
      {value ? (
        <Button
          className="list-clear-date link"
          onPress={() => onChange(null)}
          aria-label={`Clear ${label.toLowerCase()} range`}
        >
          Clear
        </Button>
      ) : null}
    </div>
  );
}
