// How files read on screen: sizes, kinds, which of an image's named sizes to
// show where, and the colour an image shows while it loads.
import type { MediaSummaryFragment } from '../../gql/graphql';

type Media = Pick<MediaSummaryFragment, 'mimeType' | 'url' | 'variants' | 'width' | 'height'>;

const BYTE_UNITS = ['bytes', 'KB', 'MB', 'GB'];

/** `2.4 MB`, in powers of 1024 as file managers count. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

/** The type families the library filters by. */
export const FAMILIES = [
  { id: 'image', name: 'Images', mimeTypes: ['image/*'] },
  { id: 'video', name: 'Video', mimeTypes: ['video/*'] },
  { id: 'audio', name: 'Audio', mimeTypes: ['audio/*'] },
  { id: 'document', name: 'Documents', mimeTypes: ['application/pdf', 'text/plain'] },
] as const;

export type Family = (typeof FAMILIES)[number]['id'];

export function isFamily(value: string | null): value is Family {
  return FAMILIES.some((f) => f.id === value);
}

/** A short name for a file's type: `PNG`, `PDF`, `MP4`. */
export function kindLabel(mimeType: string): string {
  const [family = '', sub = ''] = mimeType.split('/');
  if (mimeType === 'image/svg+xml') return 'SVG';
  if (mimeType === 'text/plain') return 'Text';
  if (mimeType === 'video/quicktime') return 'MOV';
  if (mimeType === 'audio/mpeg') return 'MP3';
  return (sub || family).replace(/^x-/, '').toUpperCase();
}

export function isImage(media: Pick<Media, 'mimeType'>): boolean {
  return media.mimeType.startsWith('image/');
}

/**
 * The link of a small picture of the file for tiles and thumbnails: the
 * `thumbnail` size when the install has it, else its smallest size, else
 * (an image the server does not resize, such as SVG) the file itself;
 * undefined for files that are not images.
 */
export function thumbnailUrl(media: Media): string | undefined {
  const named = media.variants.find((v) => v.name === 'thumbnail');
  if (named) return named.url;
  const smallest = [...media.variants].sort((a, b) => a.width - b.width)[0];
  if (smallest) return smallest.url;
  return isImage(media) ? media.url : undefined;
}

/**
 * The link of the whole picture (never a crop, which would move the focal
 * point) at least `minWidth` wide when the install has such a size, else
 * the file itself.
 */
export function previewUrl(media: Media, minWidth = 480): string | undefined {
  if (!isImage(media)) return undefined;
  const { width, height } = media;
  if (width && height) {
    const ratio = width / height;
    const whole = media.variants
      .filter((v) => Math.abs(v.width / v.height - ratio) < 0.02 && v.width >= Math.min(minWidth, width))
      .sort((a, b) => a.width - b.width)[0];
    if (whole) return whole.url;
  }
  return media.url;
}

const BASE83 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~';

/**
 * The average colour a blurhash encodes (its characters 2 to 5), as CSS:
 * enough to fill a tile while the image loads, without decoding the rest.
 */
export function placeholderColor(blurhash: string | null | undefined): string | undefined {
  if (!blurhash || blurhash.length < 6) return undefined;
  let value = 0;
  for (const char of blurhash.slice(2, 6)) {
    const digit = BASE83.indexOf(char);
    if (digit < 0) return undefined;
    value = value * 83 + digit;
  }
  const r = (value >> 16) & 255;
  const g = (value >> 8) & 255;
  const b = value & 255;
  return `rgb(${r} ${g} ${b})`;
}

/** The name a file goes by: its title, else its file name. */
export function displayName(media: Pick<MediaSummaryFragment, 'title' | 'filename'>): string {
  return media.title.trim() || media.filename;
}

/** `1 item`, `3 items`. */
export function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
