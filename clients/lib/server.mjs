// Starts `tanggap serve --demo` on a free loopback port for the client tests,
// unless TANGGAP_CLIENTS_URL names a server that is already running (as
// .ci/run does). The server is stopped by its process id.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function startServer() {
  if (process.env.TANGGAP_CLIENTS_URL) {
    return { url: process.env.TANGGAP_CLIENTS_URL.replace(/\/$/, ''), stop: async () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'tanggap-clients-'));
  const binary = join(dir, 'tanggap');
  execFileSync('go', ['build', '-o', binary, './cmd/tanggap'], { cwd: repo, stdio: 'inherit' });
  const child = spawn(binary, ['serve', '--demo', '--addr', '127.0.0.1:0'], {
    env: { ...process.env, TANGGAP_DATA_DIR: join(dir, 'data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', () => {}); // JSON request logs; not needed
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${log}`)), 60_000);
    child.stdout.on('data', (chunk) => {
      log += chunk;
      const m = /Tanggap is listening on (http:\/\/\S+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}:\n${log}`)));
  });
  return {
    url,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(child.pid, 'SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// login returns a bearer token for a demo account.
export async function login(url, email) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { token } }',
      variables: { e: email, p: 'tanggap-demo-2026' },
    }),
  });
  const body = await res.json();
  if (!body.data?.login?.token) throw new Error(`login ${email}: ${JSON.stringify(body)}`);
  return body.data.login.token;
}
