/**
 * Debian's nginx, started for a test on loopback ports with the shipped site configuration (`deploy/nginx-site.conf`)
 * and a certificate made at test time; never the system's nginx service. Its own prefix, pid and logs in a
 * temporary folder.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ROOT } from '../../../server/core/paths.js';

export const NGINX = '/usr/sbin/nginx';

export interface RunningNginx {
  httpPort: number;
  httpsPort: number;
  /** The certificate's PEM, for clients to trust. */
  ca: string;
  /** nginx's error log so far, to explain a failure. */
  errors(): string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Replaces `from` in `text`, which must hold it exactly `times` times: a changed site file fails loudly here. */
function swap(text: string, from: string, to: string, times = 1): string {
  const found = text.split(from).length - 1;
  if (found !== times) throw new Error(`deploy/nginx-site.conf: expected ${times}× ${JSON.stringify(from)}, found ${found}`);
  return text.split(from).join(to);
}

/** The shipped site with only what differs on a test machine changed: ports, certificate, paths of files and logs. */
export function testSite(dir: string, ports: { http: number; https: number; app: number }): string {
  let site = readFileSync(join(ROOT, 'deploy', 'nginx-site.conf'), 'utf8');
  site = swap(site, '    listen 80;\n    listen [::]:80;\n', `    listen 127.0.0.1:${ports.http};\n`);
  site = swap(site, '    listen 443 ssl http2;\n    listen [::]:443 ssl http2;\n', `    listen 127.0.0.1:${ports.https} ssl http2;\n`);
  site = swap(site, 'server 127.0.0.1:3000;', `server 127.0.0.1:${ports.app};`);
  site = swap(site, '/etc/ssl/certs/changji-directory.pem', join(dir, 'cert.pem'));
  site = swap(site, '/etc/ssl/private/changji-directory.key', join(dir, 'key.pem'));
  site = swap(site, 'alias /srv/changji-directory/app/public/;', `alias ${join(ROOT, 'public')}/;`);
  site = swap(site, '/var/log/nginx/changji-directory.access.log', join(dir, 'access.log'), 2);
  return swap(site, 'root /var/www/html;', `root ${join(dir, 'acme')};`);
}

/** A self-signed certificate for 127.0.0.1 and localhost, valid for a day. */
function makeCertificate(dir: string): void {
  const made = spawnSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`openssl could not make a certificate: ${made.stderr}`);
}

async function accepting(port: number, proc: ChildProcess, errors: () => string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (proc.exitCode !== null) throw new Error(`nginx exited (${proc.exitCode}):\n${errors()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nginx did not listen on ${port} within ${timeoutMs} ms:\n${errors()}`);
}

/** What Debian's /etc/nginx/nginx.conf gives a site, reduced to a test: one worker, pid, logs and temporary files in `dir`. */
function mainConfiguration(dir: string): string {
  return [
    'daemon off;',
    'worker_processes 1;',
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${join(dir, 'error.log')} warn;`,
    'events { worker_connections 256; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  default_type application/octet-stream;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${join(dir, kind)};`),
    `  include ${join(dir, 'site.conf')};`,
    '}',
    '',
  ].join('\n');
}

/** Starts nginx in the foreground (its process is the test's child) in front of the app on `appPort`. */
export async function startNginx(dir: string, appPort: number): Promise<RunningNginx> {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: install Debian's nginx (.ci/run does)`);
  // When the test runs as root, nginx's workers run as nobody and must reach their temporary folders.
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'acme'));
  makeCertificate(dir);
  const ports = { http: await freePort(), https: await freePort(), app: appPort };
  writeFileSync(join(dir, 'site.conf'), testSite(dir, ports));
  writeFileSync(join(dir, 'nginx.conf'), mainConfiguration(dir));
  const errors = () => (existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '');
  const proc = spawn(NGINX, ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const allErrors = () => stderr + errors();
  await accepting(ports.https, proc, allErrors);
  return {
    httpPort: ports.http,
    httpsPort: ports.https,
    ca: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    errors: allErrors,
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGQUIT');
      await exited;
    },
  };
}
