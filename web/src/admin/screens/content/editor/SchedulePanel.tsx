// Scheduled publication and take-down, picked in the user's time zone to
// the minute and sent as UTC instants through `scheduleContent`.
import { useMutation } from '@apollo/client/react';
import { getLocalTimeZone, type ZonedDateTime } from '@internationalized/date';
import { useState } from 'react';

import { EditorScheduleMutation } from '../../../api/editor';
import { fieldErrors } from '../../../api/errors';
import { DatePickerControl, instantToUtc, parseInstant } from '../../../fields';
import type { EditorContentFragment } from '../../../gql/graphql';
import { Button } from '../../../ui/Button';
import { FormErrorBanner } from '../../../ui/FormErrorBanner';
import { Notice } from '../../../ui/States';

export function SchedulePanel({
  item,
  onDone,
}: {
  item: EditorContentFragment;
  onDone(content: EditorContentFragment): void;
}) {
  const timeZone = getLocalTimeZone();
  const [publishAt, setPublishAt] = useState(() => parseInstant(item.publishAt, timeZone));
  const [unpublishAt, setUnpublishAt] = useState(() => parseInstant(item.unpublishAt, timeZone));
  const [schedule, { loading, error }] = useMutation(EditorScheduleMutation);
  const [saved, setSaved] = useState(false);
  // The server's schedule changed (saved here or elsewhere): show it.
  const [shown, setShown] = useState({ publishAt: item.publishAt, unpublishAt: item.unpublishAt });
  if (shown.publishAt !== item.publishAt || shown.unpublishAt !== item.unpublishAt) {
    setShown({ publishAt: item.publishAt, unpublishAt: item.unpublishAt });
    setPublishAt(parseInstant(item.publishAt, timeZone));
    setUnpublishAt(parseInstant(item.unpublishAt, timeZone));
  }

  const changed =
    instantToUtc(publishAt) !== normal(item.publishAt) ||
    instantToUtc(unpublishAt) !== normal(item.unpublishAt);
  const errors = fieldErrors(error);

  const save = async (next: { publishAt: ZonedDateTime | null; unpublishAt: ZonedDateTime | null }) => {
    setSaved(false);
    const result = await schedule({
      variables: {
        input: {
          id: item.id,
          publishAt: instantToUtc(next.publishAt),
          unpublishAt: instantToUtc(next.unpublishAt),
        },
      },
    }).catch(() => null);
    const content = result?.data?.scheduleContent.content;
    if (content) {
      setSaved(true);
      onDone(content);
    }
  };

  return (
    <section className="card editor-panel" aria-labelledby="schedule-heading">
      <h2 id="schedule-heading" className="editor-panel-title">
        Schedule
      </h2>
      <p className="field-description">Times in {timeZone}.</p>
      <DatePickerControl<ZonedDateTime>
        label="Publish at"
        granularity="minute"
        value={publishAt}
        onChange={setPublishAt}
        onClear={() => setPublishAt(null)}
        clearLabel="Clear publish time"
        error={errors.publishAt}
      />
      <DatePickerControl<ZonedDateTime>
        label="Take down at"
        granularity="minute"
        value={unpublishAt}
        onChange={setUnpublishAt}
        onClear={() => setUnpublishAt(null)}
        clearLabel="Clear take-down time"
        error={errors.unpublishAt}
      />
      <FormErrorBanner error={error} />
      {saved && !changed ? <Notice tone="success">Schedule saved.</Notice> : null}
      <Button
        size="sm"
        isDisabled={!changed}
        isPending={loading}
        onPress={() => void save({ publishAt, unpublishAt })}
      >
        Save schedule
      </Button>
    </section>
  );
}

/** The API's instant in the form `instantToUtc` writes, to compare them. */
function normal(value: string | null): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
