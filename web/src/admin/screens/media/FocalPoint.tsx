// The focal point of an image: the point crops keep in view. A click on the
// picture puts it there; two number fields (percent across and down) do the
// same from the keyboard.
import type { CSSProperties, MouseEvent } from 'react';
import { Input, Label, NumberField } from 'react-aria-components';

import type { MediaSummaryFragment } from '../../gql/graphql';
import { Button } from '../../ui/Button';
import { previewUrl } from './format';

export interface Point {
  x: number;
  y: number;
}

const CENTRE = 0.5;

/** A fraction kept to 4 decimals (a hundredth of a percent is finer than any click). */
const round = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 10_000) / 10_000;

function Percent({
  label,
  value,
  onChange,
  isReadOnly,
}: {
  label: string;
  value: number | undefined;
  onChange(fraction: number): void;
  isReadOnly: boolean;
}) {
  return (
    <NumberField
      className="field media-focal-number"
      value={value === undefined ? Number.NaN : Math.round(value * 1000) / 10}
      onChange={(n) => {
        if (!Number.isNaN(n)) onChange(round(n / 100));
      }}
      minValue={0}
      maxValue={100}
      step={0.1}
      formatOptions={{ maximumFractionDigits: 1, useGrouping: false }}
      isReadOnly={isReadOnly}
    >
      <Label className="field-label">{label}</Label>
      <Input className="input" />
    </NumberField>
  );
}

/** Previews this tall at most. */
const MAX_HEIGHT_REM = 24;

/**
 * As wide as the column allows (small images are scaled up: a point is
 * hard to place on a 64-pixel picture) and at most MAX_HEIGHT_REM tall, in
 * the image's own proportions, so a click maps straight onto the image.
 */
function frameSize({ width, height }: MediaSummaryFragment): CSSProperties | undefined {
  if (!width || !height) return undefined;
  return {
    aspectRatio: `${width} / ${height}`,
    width: `min(100%, ${((MAX_HEIGHT_REM * width) / height).toFixed(2)}rem)`,
  };
}

export function FocalPointEditor({
  media,
  value,
  onChange,
  isReadOnly,
}: {
  media: MediaSummaryFragment;
  value: Point | null;
  onChange(point: Point | null): void;
  isReadOnly: boolean;
}) {
  const src = previewUrl(media);
  if (!src) return null;
  const pick = (event: MouseEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    onChange({
      x: round((event.clientX - box.left) / box.width),
      y: round((event.clientY - box.top) / box.height),
    });
  };
  return (
    <div className="media-focal">
      <div
        className={`media-focal-frame${isReadOnly ? '' : ' media-focal-editable'}`}
        style={frameSize(media)}
        onClick={isReadOnly ? undefined : pick}
        title={isReadOnly ? undefined : 'Click to set the focal point'}
      >
        <img src={src} alt={media.alt} />
        {value ? (
          <span
            className="media-focal-marker"
            style={{ left: `${value.x * 100}%`, top: `${value.y * 100}%` }}
            aria-hidden="true"
          />
        ) : null}
      </div>
      <fieldset className="media-focal-fields">
        <legend className="field-label">Focal point</legend>
        <p className="field-description">
          {isReadOnly
            ? 'The point crops keep in view.'
            : 'The point crops keep in view: click the image, or give it in percent from the top left.'}{' '}
          {value ? null : 'None is set: crops keep the centre.'}
        </p>
        <div className="media-focal-inputs">
          <Percent
            label="Across (%)"
            value={value?.x}
            onChange={(x) => onChange({ x, y: value?.y ?? CENTRE })}
            isReadOnly={isReadOnly}
          />
          <Percent
            label="Down (%)"
            value={value?.y}
            onChange={(y) => onChange({ x: value?.x ?? CENTRE, y })}
            isReadOnly={isReadOnly}
          />
          {!isReadOnly && value ? (
            <Button size="sm" variant="ghost" onPress={() => onChange(null)}>
              Clear focal point
            </Button>
          ) : null}
        </div>
      </fieldset>
    </div>
  );
}
