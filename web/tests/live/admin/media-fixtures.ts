// What the media library's end-to-end test needs: a content type with a
// MEDIA field taking images, small real PNGs made here (so the server's
// sniffing, metadata stripping and resizing all run on them), and reads of
// the API to check what the UI did.
import { crc32, deflateSync } from 'node:zlib';

import { ADMIN, bearer, must } from './fixtures';

export const GALLERY_TYPE = 'gallery';

/** Creates the `gallery` type: a single image in its `photo` field. */
export async function createGalleryType(url: string): Promise<void> {
  const admin = await bearer(url, ADMIN.email, ADMIN.password);
  await must(
    url,
    `mutation ($input: CreateContentTypeInput!) { createContentType(input: $input) { contentType { id } } }`,
    {
      input: {
        apiId: GALLERY_TYPE,
        name: 'Gallery',
        description: 'One photo and its story',
        fields: [{ apiId: 'photo', name: 'Photo', kind: 'MEDIA', mediaTypes: ['image/*'] }],
      },
    },
    admin,
  );
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A valid RGB PNG of `width` × `height`: a gradient from `from` to `to`
 * (so each image's thumbnail looks different).
 */
export function png(width: number, height: number, from: [number, number, number], to: [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // RGB
  // compression, filter and interlace methods stay 0
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(1 + width * 3); // filter byte 0: none
    for (let x = 0; x < width; x += 1) {
      const t = (x + y) / (width + height - 2);
      for (let c = 0; c < 3; c += 1) row[1 + x * 3 + c] = Math.round(from[c]! + (to[c]! - from[c]!) * t);
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface MediaRecord {
  id: string;
  filename: string;
  alt: string;
  mimeType: string;
  width: number | null;
  focalPoint: { x: number; y: number } | null;
}

/** The library's files named `filename`, as the admin sees them. */
export async function mediaNamed(url: string, filename: string): Promise<MediaRecord[]> {
  const admin = await bearer(url, ADMIN.email, ADMIN.password);
  const data = await must(
    url,
    `query ($text: String) { mediaItems(first: 20, filter: { text: $text }) { nodes { id filename alt mimeType width focalPoint { x y } } } }`,
    { text: filename },
    admin,
  );
  return (data.mediaItems.nodes as MediaRecord[]).filter((m) => m.filename === filename);
}

/** An item's custom fields (its working version). */
export async function itemFields(url: string, id: string): Promise<Record<string, unknown>> {
  const admin = await bearer(url, ADMIN.email, ADMIN.password);
  const data = await must(url, `query ($id: UUID!) { content(id: $id) { fields } }`, { id }, admin);
  return data.content.fields as Record<string, unknown>;
}
