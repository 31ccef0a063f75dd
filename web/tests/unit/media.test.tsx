// @vitest-environment happy-dom
// The media library's pieces without a server: the upload request (by hash,
// with the CSRF header, the server's message on failure), the view in the
// URL and the filter it makes, the pictures chosen for tiles and previews,
// and the editor's media field showing and removing chosen files.
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { MediaPreviewQuery } from '../../src/admin/api/media';
import { MediaWidget } from '../../src/admin/fields/widgets/MediaWidget';
import type { FieldDefinition, FieldValue } from '../../src/admin/fields/types';
import type { MediaSummaryFragment } from '../../src/admin/gql/graphql';
import {
  formatBytes,
  placeholderColor,
  previewUrl,
  thumbnailUrl,
} from '../../src/admin/screens/media/format';
import { readView, toFilter, writeView } from '../../src/admin/screens/media/params';
import { acceptsType, uploadFile } from '../../src/admin/screens/media/upload';

afterEach(cleanup);

const ID = '11111111-1111-4111-8111-111111111111';

function media(extra: Partial<MediaSummaryFragment> = {}): MediaSummaryFragment {
  return {
    __typename: 'Media',
    id: ID,
    filename: 'harbour.png',
    title: '',
    alt: 'Boats',
    caption: '',
    mimeType: 'image/png',
    size: 2048,
    width: 1600,
    height: 1200,
    placeholder: null,
    folderId: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    deletedAt: null,
    url: '/media/1/harbour.png?sig=a',
    focalPoint: null,
    variants: [
      { __typename: 'MediaVariant', name: 'thumbnail', url: '/t', width: 200, height: 200 },
      { __typename: 'MediaVariant', name: 'small', url: '/s', width: 480, height: 360 },
      { __typename: 'MediaVariant', name: 'medium', url: '/m', width: 960, height: 720 },
    ],
    uploadedBy: null,
    ...extra,
  };
}

describe('format', () => {
  it('words sizes as file managers do', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(15 * 1024 * 1024)).toBe('15 MB');
  });

  it('takes the thumbnail for tiles and an uncropped size for the focal point', () => {
    expect(thumbnailUrl(media())).toBe('/t');
    // The 200×200 crop would move the focal point: the 4:3 size is used.
    expect(previewUrl(media())).toBe('/s');
    expect(previewUrl(media(), 900)).toBe('/m');
    // An SVG has no sizes: the file itself; a PDF has no picture.
    expect(thumbnailUrl(media({ mimeType: 'image/svg+xml', variants: [] }))).toBe('/media/1/harbour.png?sig=a');
    expect(thumbnailUrl(media({ mimeType: 'application/pdf', variants: [] }))).toBeUndefined();
  });

  it('reads the average colour of a blurhash', () => {
    // blurha.sh's example: characters 2 to 5 ("HV6n") are its sRGB average.
    expect(placeholderColor('LEHV6nWB2yk8pyo0adR*.7kCMdnj')).toBe('rgb(151 150 149)');
    expect(placeholderColor(null)).toBeUndefined();
    expect(placeholderColor('LE')).toBeUndefined();
  });

  it('matches types against a field’s list, families included', () => {
    expect(acceptsType([], 'application/pdf')).toBe(true);
    expect(acceptsType(['image/*'], 'image/png')).toBe(true);
    expect(acceptsType(['image/*'], 'application/pdf')).toBe(false);
    expect(acceptsType(['application/pdf'], 'application/pdf')).toBe(true);
  });
});

describe('the view in the URL', () => {
  it('round-trips and makes the filter the API expects', () => {
    const view = readView(new URLSearchParams('folder=top&q=cat&type=image&unused=1&view=list'));
    expect(view).toMatchObject({ folder: 'top', text: 'cat', family: 'image', unused: true, layout: 'list' });
    expect(writeView(view).toString()).toBe('folder=top&q=cat&type=image&unused=1&view=list');
    // The top level is `folder: null`; every folder leaves it out.
    expect(toFilter(view)).toEqual({ text: 'cat', mimeTypes: ['image/*'], folder: null, unused: true });
    expect('folder' in toFilter(readView(new URLSearchParams('')))).toBe(false);
    expect(toFilter(readView(new URLSearchParams(`folder=${ID}`)))).toEqual({ folder: ID });
  });

  it('ignores what names nothing and shows the trash without a folder', () => {
    const view = readView(new URLSearchParams('folder=nope&type=fonts&file=x&trash=1'));
    expect(view).toMatchObject({ folder: 'all', family: null, file: null, trash: true });
    expect(toFilter({ ...view, folder: ID })).toEqual({ trashed: true });
  });
});

/** An XMLHttpRequest that answers each send with the next of `answers`. */
function fakeXhr(answers: { status: number; body: unknown }[]) {
  const sent: { headers: Record<string, string>; form: FormData }[] = [];
  class FakeXhr {
    upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
      onprogress: null,
    };
    status = 0;
    responseText = '';
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    private headers: Record<string, string> = {};
    open() {}
    abort() {}
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }
    send(form: FormData) {
      sent.push({ headers: this.headers, form });
      const answer = answers.shift()!;
      this.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 });
      this.status = answer.status;
      this.responseText = JSON.stringify(answer.body);
      queueMicrotask(() => this.onload?.());
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return sent;
}

describe('uploadFile', () => {
  beforeEach(() => {
    document.cookie = 'vellum_csrf=token-1; Path=/';
  });
  afterEach(() => vi.unstubAllGlobals());

  const file = () => new File(['png bytes'], 'harbour.png', { type: 'image/png' });
  const refresh = () => Promise.resolve(false);

  it('sends the file by the document’s hash with the CSRF header and reports progress', async () => {
    const sent = fakeXhr([{ status: 200, body: { data: { uploadMedia: media() } } }]);
    const progress: number[] = [];
    const result = await uploadFile(file(), { onProgress: (p) => progress.push(p), refresh });
    expect(result.id).toBe(ID);
    expect(progress).toEqual([0.5]);
    const [request] = sent;
    expect(request?.headers['X-CSRF-Token']).toBe('token-1');
    const operations = JSON.parse(String(request?.form.get('operations')));
    expect(operations.query).toBeUndefined();
    expect(operations.extensions.persistedQuery.sha256Hash).toMatch(/^[0-9a-f]{64}$/);
    expect(operations.variables).toEqual({ file: null, input: null });
    expect(JSON.parse(String(request?.form.get('map')))).toEqual({ 0: ['variables.file'] });
    expect((request?.form.get('0') as File).name).toBe('harbour.png');
  });

  it('gives the server’s reason for a refused file', async () => {
    fakeXhr([
      {
        status: 200,
        body: {
          data: null,
          errors: [{ message: 'files of type text/html are not accepted', extensions: { code: 'BAD_USER_INPUT' } }],
        },
      },
    ]);
    await expect(uploadFile(file(), { onProgress: () => {}, refresh })).rejects.toMatchObject({
      message: 'files of type text/html are not accepted',
      code: 'BAD_USER_INPUT',
    });
  });

  it('sends the text to a server that does not know the hash, and refreshes an expired session once', async () => {
    const sent = fakeXhr([
      { status: 400, body: { errors: [{ message: 'unknown', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] } },
      { status: 401, body: { errors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }] } },
      { status: 200, body: { data: { uploadMedia: media() } } },
    ]);
    const refreshed = vi.fn(() => Promise.resolve(true));
    await uploadFile(file(), { onProgress: () => {}, refresh: refreshed });
    expect(refreshed).toHaveBeenCalledTimes(1);
    expect(sent).toHaveLength(3);
    const last = JSON.parse(String(sent[2]?.form.get('operations')));
    expect(last.query).toContain('mutation UploadMedia');
    expect(last.extensions).toBeUndefined();
  });
});

describe('MediaWidget', () => {
  const photo: FieldDefinition = {
    apiId: 'photo',
    name: 'Photo',
    kind: 'MEDIA',
    required: false,
    options: [],
    unique: false,
    mediaTypes: ['image/*'],
    multiple: false,
  };

  function Harness({ initial, onChange }: { initial: FieldValue; onChange(v: FieldValue): void }) {
    const [value, setValue] = useState(initial);
    return (
      <MediaWidget
        def={photo}
        value={value}
        onChange={(v) => {
          onChange(v);
          setValue(v);
        }}
        onBlur={() => {}}
        error={undefined}
        description={undefined}
      />
    );
  }

  it('shows the chosen file as a thumbnail and removes it', async () => {
    const mocks: MockLink.MockedResponse[] = [
      { request: { query: MediaPreviewQuery, variables: { id: ID } }, result: { data: { __typename: 'Query', media: media() } } },
    ];
    const onChange = vi.fn();
    render(
      <MockedProvider mocks={mocks}>
        <Harness initial={ID} onChange={onChange} />
      </MockedProvider>,
    );
    const group = screen.getByRole('group', { name: 'Photo' });
    expect(group.getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText('Takes image/*')).toBeTruthy();
    const remove = await screen.findByRole('button', { name: 'Remove harbour.png' });
    expect(screen.getByRole('button', { name: 'Replace file for Photo' })).toBeTruthy();
    await userEvent.setup().click(remove);
    expect(onChange).toHaveBeenLastCalledWith(null);
    expect(screen.getByText('No file chosen.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Choose a file for Photo' })).toBeTruthy();
  });
});
