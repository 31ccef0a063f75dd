// Starts a real `vellum serve` for the live tests: the binary cargo built,
// its own embedded PostgreSQL in a throwaway data directory, a free loopback
// port. Commands that need the database to themselves (seeding, creating an
// admin, importing trusted documents) run before the server starts.

import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The binary under test: VELLUM_BIN, or cargo's debug build. */
export function vellumBinary(): string {
  if (process.env.VELLUM_BIN) return process.env.VELLUM_BIN;
  const home = process.env.HOME ?? '/root';
  const cache = process.env.XDG_CACHE_HOME ?? join(home, '.cache');
  const target = process.env.CARGO_TARGET_DIR ?? join(cache, 'vellum', 'target');
  return resolve(target, 'debug', 'vellum');
}

export interface Setup {
  /** Arguments of a `vellum` command to run first. */
  args: string[];
  /** Written to its standard input. */
  stdin?: string;
}

export interface StartOptions {
  /** Extra environment for every command and the server. */
  env?: Record<string, string>;
  /** Commands run, in order, before `vellum serve`. */
  before?: Setup[];
}

export interface Vellum {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** Its data directory (mail files are in `mail/`). */
  dataDir: string;
  /** Everything the server printed so far. */
  log(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

function run(binary: string, setup: Setup, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(binary, setup.args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdin.end(setup.stdin ?? '');
    child.once('error', fail);
    child.once('exit', (code) =>
      code === 0
        ? done()
        : fail(new Error(`vellum ${setup.args.join(' ')} exited ${code}:\n${output}`)),
    );
  });
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

export async function startVellum(options: StartOptions = {}): Promise<Vellum> {
  const binary = vellumBinary();
  const dataDir = await mkdtemp(join(tmpdir(), 'vellum-web-live-'));
  // As root, vellum runs its PostgreSQL as `postgres`, which must reach it.
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL; // always the embedded database: never touch a configured one
  Object.assign(env, {
    VELLUM_ADDR: `127.0.0.1:${port}`,
    VELLUM_DATA_DIR: dataDir,
    VELLUM_ENV: 'development',
    VELLUM_PUBLIC_URL: url,
    NO_COLOR: '1',
    ...options.env,
  });
  try {
    for (const setup of options.before ?? []) await run(binary, setup, env);
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  const child = spawn(binary, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async () => {
    if (!(await exited(child, 0))) {
      child.kill('SIGTERM');
      if (!(await exited(child, 30_000))) {
        child.kill('SIGKILL');
        await exited(child, 5_000);
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`vellum serve exited ${child.exitCode} before /health answered:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`vellum did not answer ${url}/health within 90 s:\n${output}`);
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  return { url, port, dataDir, log: () => output, stop };
}

/** Posts a GraphQL request; returns status, headers and the parsed body. */
export async function graphql(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}
