// DATE (`YYYY-MM-DD`) and DATETIME (an instant, picked in the user's time
// zone to the minute and stored as RFC 3339 UTC).
import { getLocalTimeZone, type CalendarDate, type ZonedDateTime } from '@internationalized/date';

import { DatePickerControl } from '../DatePickerControl';
import { instantToUtc, parseDateValue, parseInstant } from '../values';
import type { WidgetProps } from './props';

export function DateWidget({ def, value, onChange, onBlur, error, description }: WidgetProps) {
  return (
    <DatePickerControl<CalendarDate>
      label={def.name}
      value={parseDateValue(typeof value === 'string' ? value : null)}
      onChange={(date) => onChange(date ? date.toString() : null)}
      onBlur={onBlur}
      description={description}
      error={error}
      isRequired={def.required}
    />
  );
}

export function DateTimeWidget({ def, value, onChange, onBlur, error, description }: WidgetProps) {
  const timeZone = getLocalTimeZone();
  const zone = `Time zone: ${timeZone}`;
  return (
    <DatePickerControl<ZonedDateTime>
      label={def.name}
      value={parseInstant(typeof value === 'string' ? value : null, timeZone)}
      onChange={(date) => onChange(instantToUtc(date))}
      onBlur={onBlur}
      granularity="minute"
      description={description ? `${description}. ${zone}` : zone}
      error={error}
      isRequired={def.required}
    />
  );
}
