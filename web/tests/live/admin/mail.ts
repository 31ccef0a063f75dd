// The mail `vellum serve` wrote with the file transport (`<data dir>/mail`).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Quoted-printable soft breaks and escapes undone. */
function unquote(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Waits for a mail to `to` whose text matches `pattern`; returns the match. */
export async function waitForMail(
  dataDir: string,
  to: string,
  pattern: RegExp,
  timeoutMs = 20_000,
): Promise<RegExpMatchArray> {
  const dir = join(dataDir, 'mail');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.eml'))) {
      const text = unquote(await readFile(join(dir, name), 'utf8'));
      if (!text.toLowerCase().includes(to.toLowerCase())) continue;
      const match = text.match(pattern);
      if (match) return match;
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${pattern}`);
    await new Promise((wait) => setTimeout(wait, 250));
  }
}
