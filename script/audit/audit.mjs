// GraphQL-over-HTTP compliance audit of a running server, using graphql-http's
// audit suite. Usage: node audit.mjs http://127.0.0.1:8080/graphql
//
// Prints one line per audit (id, status, name; reason and response for non-ok),
// then a closing line "N passed, N failed". Failed counts every `error` (a MUST
// the server breaks) and every `warn` (a SHOULD it breaks); `notice` (a MAY) is
// shown but counts as passed. Exits 1 if anything failed, 2 if the audit could
// not run at all (bad usage, server unreachable).
import { auditServer } from 'graphql-http';

const BODY_LIMIT = 600;

const url = process.argv[2] || process.env.VELLUM_GRAPHQL_URL;
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint url>');
  process.exit(2);
}

async function describeResponse(res) {
  if (!res || typeof res.status !== 'number') return '';
  let body = '';
  try {
    body = await res.text();
  } catch {
    body = '<body unavailable>';
  }
  body = body.replace(/\s+/g, ' ').trim();
  if (body.length > BODY_LIMIT) body = `${body.slice(0, BODY_LIMIT)}...`;
  const type = res.headers.get('content-type') ?? '<no content-type>';
  return `HTTP ${res.status}; content-type: ${type}; body: ${body || '<empty>'}`;
}

let results;
try {
  results = await auditServer({ url });
} catch (err) {
  console.error(`audit could not run against ${url}: ${err?.stack ?? err}`);
  process.exit(2);
}

const label = { ok: 'ok    ', notice: 'notice', warn: 'WARN  ', error: 'ERROR ' };
const counts = { ok: 0, notice: 0, warn: 0, error: 0 };

console.log(`graphql-http audit of ${url}: ${results.length} audits`);
for (const result of results) {
  counts[result.status] = (counts[result.status] ?? 0) + 1;
  console.log(`${label[result.status] ?? result.status} ${result.id} ${result.name}`);
  if (result.status !== 'ok') {
    console.log(`         reason:   ${result.reason}`);
    const response = await describeResponse(result.response);
    if (response) console.log(`         response: ${response}`);
  }
}

const failed = counts.error + counts.warn;
const passed = results.length - failed;
console.log('');
console.log(
  `summary: ${counts.ok} ok, ${counts.notice} notice (MAY), ` +
    `${counts.warn} warn (SHOULD), ${counts.error} error (MUST)`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
