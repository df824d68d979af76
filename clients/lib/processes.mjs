// Starts real `tanggap serve` processes for the tests that need more than
// the one demo server: several processes on one PostgreSQL database. Each
// process is stopped by its process id.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// buildBinary returns TANGGAP_CLIENTS_BINARY (as .ci/run passes it), or
// builds cmd/tanggap into dir.
export function buildBinary(dir) {
  if (process.env.TANGGAP_CLIENTS_BINARY) return process.env.TANGGAP_CLIENTS_BINARY;
  const binary = join(dir, 'tanggap');
  execFileSync('go', ['build', '-o', binary, './cmd/tanggap'], { cwd: repo, stdio: 'inherit' });
  return binary;
}

// postgresBase is the server the tests create their databases on; without
// it the test is skipped, except in CI, where it fails.
export function postgresBase(t) {
  const base = process.env.TANGGAP_TEST_POSTGRES_URL;
  if (base) return base;
  if (process.env.CI === 'true') throw new Error('TANGGAP_TEST_POSTGRES_URL is not set: CI must run the PostgreSQL client tests');
  t.skip('TANGGAP_TEST_POSTGRES_URL is not set');
  return '';
}

// createDatabase creates an empty database next to base's and returns its
// URL and a function that drops it.
export function createDatabase(base) {
  const name = `tanggap_clients_${process.pid}_${Date.now()}`;
  const u = new URL(base);
  execFileSync('psql', [base, '-qc', `CREATE DATABASE ${name}`], { stdio: 'inherit' });
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: () => execFileSync('psql', [base, '-qc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], { stdio: 'inherit' }),
  };
}

// migrate brings the database's schema up to date, as an operator does
// before starting servers on PostgreSQL.
export function migrate(binary, env) {
  execFileSync(binary, ['migrate', 'up'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
}

// startProcess runs `tanggap serve` with args and env, waits until it
// listens, and returns its URL, its log and a stop function.
export async function startProcess(binary, args, env) {
  const dir = mkdtempSync(join(tmpdir(), 'tanggap-process-'));
  const child = spawn(binary, ['serve', '--addr', '127.0.0.1:0', ...args], {
    env: { ...process.env, TANGGAP_DATA_DIR: join(dir, 'data'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk) => { err += chunk; });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${out}\n${err}`)), 120_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /Tanggap is listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the server exited with ${code}:\n${out}\n${err}`)); });
  });
  return {
    url,
    log: () => err,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        process.kill(child.pid, 'SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// gql sends one operation and returns its data, failing on errors.
export async function gql(url, query, variables = {}, token = '') {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = await res.json();
  if (body.errors) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

// metric reads one unlabelled series from the server's /metrics (loopback).
export async function metric(url, name) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
}
