// Starts one real `chungthu serve` for the browser journeys: a fresh SQLite instance made by
// `chungthu init --demo` in a temporary directory, the built portal (web/dist), a free port on
// 127.0.0.1. The demo users' passwords and TOTP secrets, printed once by init, are handed to
// the tests through vitest's provide/inject. Everything is removed at the end.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

export interface DemoUser {
  login: string;
  role: string;
  org: string;
  password: string;
  totp?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    users: Record<string, DemoUser>;
    dataDir: string;
    binary: string;
    artifacts: string;
    /** The SOFTHSM2_CONF the server runs with (empty without SoftHSM2): its tokens are the token station's. */
    softhsmConf: string;
  }
}

/** Debian's SoftHSM2, the PKCS#11 module the token station's journey uses. */
export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

/**
 * A SoftHSM2 of the test's own (tokens under a temporary directory, one blank slot to begin
 * with) for the server's token station; nothing when SoftHSM2 is not installed. Other journeys
 * never touch the module: the server loads it only for the token station's routes.
 */
function softhsm(): { dir: string; conf: string } | undefined {
  if (!existsSync(SOFTHSM_MODULE)) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'chungthu-e2e-softhsm-'));
  mkdirSync(join(dir, 'tokens'));
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  return { dir, conf };
}

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');

function findBinary(): string {
  const candidates = [
    process.env.CHUNGTHU_BIN,
    join(repo, 'build/test/src/cli/chungthu'),
    join(repo, 'build/release/src/cli/chungthu'),
  ].filter((c): c is string => !!c);
  for (const c of candidates) if (existsSync(c)) return c;
  throw new Error(`chungthu binary not found (set CHUNGTHU_BIN); tried ${candidates.join(', ')}`);
}

/** Parses the demo users table `init --demo` prints: login, role, org, password[, TOTP secret]. */
export function parseDemoUsers(output: string): Record<string, DemoUser> {
  const users: Record<string, DemoUser> = {};
  for (const line of output.split('\n')) {
    const cols = line.trim().split('\t');
    if (cols.length < 4) continue;
    const [login, role, org, password, totp] = cols;
    users[login] = { login, role, org, password, totp: totp?.startsWith('TOTP ') ? totp.slice(5) : undefined };
  }
  return users;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => ok(port));
    });
  });
}

async function waitHealthy(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`chungthu serve exited with ${server.exitCode}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('chungthu serve did not become healthy within 60 s');
}

export default async function setup(project: TestProject) {
  const binary = findBinary();
  const webDir = join(repo, 'web/dist');
  if (!existsSync(join(webDir, 'index.html'))) throw new Error('web/dist is not built: run scripts/build-web.sh');
  const artifacts = process.env.CHUNGTHU_E2E_ARTIFACTS ?? join(repo, 'web/e2e-artifacts');
  mkdirSync(artifacts, { recursive: true });

  const dataDir = mkdtempSync(join(tmpdir(), 'chungthu-e2e-'));
  const hsm = softhsm();
  const env = {
    ...process.env,
    CHUNGTHU_SERVER_WEB_DIR: webDir,
    CHUNGTHU_DATA: dataDir,
    ...(hsm ? { SOFTHSM2_CONF: hsm.conf, CHUNGTHU_DEVICES_PKCS11_MODULE: SOFTHSM_MODULE } : {}),
  };
  const init = spawnSync(binary, ['init', '--demo', '--data', dataDir], { env, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`chungthu init --demo failed (${init.status}): ${init.stderr}`);
  writeFileSync(join(dataDir, 'demo-users.txt'), init.stdout, { mode: 0o600 });
  const users = parseDemoUsers(init.stdout);
  if (!users.truong1 || !users.tiepnhan1?.totp) throw new Error('could not read the demo users from init --demo');

  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const log = createWriteStream(join(artifacts, 'serve.log'));
  const server = spawn(binary, ['serve', '--data', dataDir, '--listen', `127.0.0.1:${port}`], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  await waitHealthy(baseURL, server);

  project.provide('baseURL', baseURL);
  project.provide('users', users);
  project.provide('dataDir', dataDir);
  project.provide('binary', binary);
  project.provide('artifacts', artifacts);
  project.provide('softhsmConf', hsm?.conf ?? '');

  return async () => {
    server.kill('SIGTERM');
    await new Promise<void>((ok) => {
      const timer = setTimeout(() => {
        server.kill('SIGKILL');
        ok();
      }, 15_000);
      server.on('exit', () => {
        clearTimeout(timer);
        ok();
      });
    });
    rmSync(dataDir, { recursive: true, force: true });
    if (hsm) rmSync(hsm.dir, { recursive: true, force: true });
  };
}
