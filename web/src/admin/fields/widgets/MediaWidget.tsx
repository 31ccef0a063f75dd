// MEDIA: the chosen files as thumbnails, each with a remove button, and the
// media picker (the library, searchable, with upload) to choose them. The
// value is a file id, or a list of them for a field of several files.
import '../../styles/media.css';

import { useApolloClient, useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';

import { MediaPreviewQuery } from '../../api/media';
import type { MediaSummaryFragment } from '../../gql/graphql';
import { displayName } from '../../screens/media/format';
import { MediaThumb } from '../../screens/media/MediaGrid';
import { MediaPicker } from '../../screens/media/MediaPicker';
import { Button } from '../../ui/Button';
import { WiredFieldHelp } from '../../ui/FieldHelp';
import type { WidgetProps } from './props';

function idsOf(value: WidgetProps['value']): string[] {
  if (Array.isArray(value)) return value.filter((id): id is string => typeof id === 'string' && id !== '');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

function Chosen({ id, onRemove }: { id: string; onRemove(): void }) {
  // Picked files are in the cache already; files saved earlier are fetched.
  const { data, loading } = useQuery(MediaPreviewQuery, {
    variables: { id },
    fetchPolicy: 'cache-first',
  });
  const media = data?.media;
  const name = media ? displayName(media) : loading ? 'Loading…' : 'A file in the trash, or one you may not see';
  return (
    <li className="media-chosen-item">
      {media ? <MediaThumb media={media} className="media-thumb-chosen" /> : <div className="media-thumb media-thumb-chosen" />}
      <span className="media-chosen-name">{name}</span>
      <Button size="sm" variant="ghost" onPress={onRemove} aria-label={`Remove ${name}`}>
        Remove
      </Button>
    </li>
  );
}

export function MediaWidget({ def, value, onChange, onBlur, error, description }: WidgetProps) {
  const ids = idsOf(value);
  const multiple = def.multiple ?? false;
  const types = def.mediaTypes ?? [];
  const [picking, setPicking] = useState(false);
  const apollo = useApolloClient();
  const labelId = useId();
  const descriptionId = useId();
  const errorId = useId();
  const help = [description, types.length > 0 ? `Takes ${types.join(', ')}` : null]
    .filter(Boolean)
    .join('. ');
  const describedBy = [help ? descriptionId : null, error ? errorId : null].filter(Boolean).join(' ');

  const set = (next: string[]) => onChange(multiple ? next : (next[0] ?? null));
  const close = () => {
    setPicking(false);
    onBlur();
  };
  const choose = (chosen: string[], known: readonly MediaSummaryFragment[]) => {
    // What the picker showed is what the thumbnails show: no refetch.
    for (const media of known) {
      apollo.writeQuery({ query: MediaPreviewQuery, variables: { id: media.id }, data: { __typename: 'Query', media } });
    }
    // Files kept stay in their order; new ones go last.
    const kept = ids.filter((id) => chosen.includes(id));
    set([...kept, ...chosen.filter((id) => !kept.includes(id))]);
    close();
  };

  let action: string;
  if (multiple) action = ids.length > 0 ? 'Add or change files…' : 'Choose files…';
  else action = ids.length > 0 ? 'Replace file…' : 'Choose a file…';

  return (
    <div
      className="field media-field"
      role="group"
      aria-labelledby={labelId}
      aria-describedby={describedBy || undefined}
      data-invalid={error ? true : undefined}
    >
      <span id={labelId} className="field-label">
        {def.name}
        {def.required ? <span aria-hidden="true"> *</span> : null}
      </span>
      {ids.length > 0 ? (
        <ul className="media-chosen" aria-label={`Files of ${def.name}`}>
          {ids.map((id) => (
            <Chosen key={id} id={id} onRemove={() => set(ids.filter((other) => other !== id))} />
          ))}
        </ul>
      ) : (
        <p className="media-muted media-chosen-none">{multiple ? 'No files chosen.' : 'No file chosen.'}</p>
      )}
      <div>
        <Button size="sm" onPress={() => setPicking(true)} aria-label={`${action.replace('…', '')} for ${def.name}`}>
          {action}
        </Button>
      </div>
      <WiredFieldHelp descriptionId={descriptionId} errorId={errorId} description={help || undefined} error={error} />
      {picking ? (
        <MediaPicker
          label={def.name}
          mediaTypes={types}
          multiple={multiple}
          initial={ids}
          onChoose={choose}
          onClose={close}
        />
      ) : null}
    </div>
  );
}
