// The upload controls: a button that opens the system's file chooser (the
// keyboard's way in), and the list of files on their way, each with its
// progress bar and, when the server refused it, the server's reason.
import { useState } from 'react';
import { FileTrigger, ProgressBar } from 'react-aria-components';

import { Button } from '../../ui/Button';
import { formatBytes } from './format';
import type { UploadEntry, Uploads } from './useUploads';

export function UploadButton({
  onFiles,
  accept,
  multiple = true,
  label = 'Upload files',
  variant = 'primary',
}: {
  onFiles(files: File[]): void;
  accept?: readonly string[];
  multiple?: boolean;
  label?: string;
  variant?: 'primary' | 'secondary';
}) {
  return (
    <FileTrigger
      allowsMultiple={multiple}
      acceptedFileTypes={accept && accept.length > 0 ? accept : undefined}
      onSelect={(list) => {
        if (list && list.length > 0) onFiles([...list]);
      }}
    >
      <Button variant={variant}>{label}</Button>
    </FileTrigger>
  );
}

/** The API's messages are predicates ("files of type … are not accepted"): a sentence reads better. */
function asSentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function statusText(entry: UploadEntry): string {
  switch (entry.status) {
    case 'waiting':
      return 'Waiting';
    case 'uploading':
      return `${Math.round(entry.progress * 100)}%`;
    case 'done':
      return 'Uploaded';
    case 'failed':
      return 'Failed';
  }
}

function Entry({ entry, onDismiss }: { entry: UploadEntry; onDismiss(): void }) {
  const { file, status } = entry;
  const active = status === 'uploading' || status === 'waiting';
  // A file that only claims to be an image shows its extension instead.
  const [broken, setBroken] = useState(false);
  return (
    <li className={`media-upload media-upload-${status}`}>
      <div className="media-upload-thumb" aria-hidden="true">
        {entry.preview && !broken ? (
          <img src={entry.preview} alt="" onError={() => setBroken(true)} />
        ) : (
          <span>{file.name.split('.').pop()}</span>
        )}
      </div>
      <div className="media-upload-body">
        <div className="media-upload-line">
          <span className="media-upload-name">{file.name}</span>
          <span className="media-upload-status">
            {formatBytes(file.size)} · {statusText(entry)}
          </span>
        </div>
        {active ? (
          <ProgressBar
            className="media-progress"
            aria-label={`Uploading ${file.name}`}
            value={Math.round(entry.progress * 100)}
          >
            {({ percentage }) => (
              <div className="media-progress-track">
                <div className="media-progress-fill" style={{ width: `${percentage ?? 0}%` }} />
              </div>
            )}
          </ProgressBar>
        ) : null}
        {entry.message ? (
          <p className={status === 'failed' ? 'field-error' : 'media-upload-note'}>
            {asSentence(entry.message)}
          </p>
        ) : null}
      </div>
      <Button
        size="sm"
        variant="ghost"
        onPress={onDismiss}
        aria-label={`${active ? 'Cancel' : 'Dismiss'} ${file.name}`}
      >
        {active ? 'Cancel' : 'Dismiss'}
      </Button>
    </li>
  );
}

export function UploadQueue({ uploads }: { uploads: Uploads }) {
  const { entries } = uploads;
  if (entries.length === 0) return null;
  const done = entries.filter((e) => e.status === 'done').length;
  const failed = entries.filter((e) => e.status === 'failed').length;
  const summary = [
    `${done} of ${entries.length} uploaded`,
    failed > 0 ? `${failed} failed` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <section className="media-uploads" aria-label="Uploads">
      <div className="media-uploads-head">
        <p className="media-uploads-summary" role="status">
          {summary}
        </p>
        {!uploads.busy ? (
          <Button size="sm" variant="ghost" onPress={uploads.clearFinished}>
            Clear list
          </Button>
        ) : null}
      </div>
      <ul className="media-upload-list">
        {entries.map((entry) => (
          <Entry key={entry.key} entry={entry} onDismiss={() => uploads.dismiss(entry.key)} />
        ))}
      </ul>
    </section>
  );
}
