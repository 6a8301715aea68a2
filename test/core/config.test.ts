import { spawn, spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/core/config.js';
import { ROOT } from '../../server/core/paths.js';

describe('configuration', () => {
  it('when nothing is set, then the contract defaults apply', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATABASE_PATH: 'data/directory.db', SEED: 'auto', SEARCH_CACHE_MB: 16 });
    expect(c.MEILI_HOST).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc', /^invalid environment: PORT must be an integer from 0 to 65535 \(got "abc"\)$/],
    ['PORT', '70000', /^invalid environment: PORT .*65535/],
    ['SEED', 'sometimes', /^invalid environment: SEED must be "auto" or "off"/],
    ['MEILI_HOST', 'not a url', /^invalid environment: MEILI_HOST must be a URL/],
    ['SESSION_SECRET', 'short', /^invalid environment: SESSION_SECRET must be at least 32 characters/],
    ['SEARCH_CACHE_MB', '-1', /^invalid environment: SEARCH_CACHE_MB must be a whole number of megabytes/],
    ['SEARCH_CACHE_MB', '32MB', /^invalid environment: SEARCH_CACHE_MB must be a whole number of megabytes/],
    ['TRUST_PROXY', 'true', /^invalid environment: TRUST_PROXY must be a hop count \(1\) or proxy addresses .* \(got "true"\)$/],
    ['TRUST_PROXY', '127.0.0.1, nginx', /^invalid environment: TRUST_PROXY must be a hop count/],
    ['TRUST_PROXY', '10.0.0.0/33', /^invalid environment: TRUST_PROXY must be a hop count/],
    ['LOG_LEVEL', 'verbose', /^invalid environment: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
    ['METRICS_ALLOW', 'anyone', /^invalid environment: METRICS_ALLOW must be addresses, subnets or loopback/],
    ['BACKUP_EVERY', 'daily', /^invalid environment: BACKUP_EVERY must be a number and a unit, such as 30m, 24h or 7d/],
    ['BACKUP_EVERY', '0h', /^invalid environment: BACKUP_EVERY must be at least 1s/],
    ['BACKUP_KEEP', '0', /^invalid environment: BACKUP_KEEP must be a whole number from 1 to 9999/],
    ['SHUTDOWN_TIMEOUT', '10', /^invalid environment: SHUTDOWN_TIMEOUT must be a number and a unit/],
  ])('when %s is %j, then loading fails with one line naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('when TRUST_PROXY is unset, a hop count or addresses, then Express gets nothing, the count or the list', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, ::1, 10.0.0.0/8, loopback' }).TRUST_PROXY).toEqual(['127.0.0.1', '::1', '10.0.0.0/8', 'loopback']);
  });

  it('when the production settings are unset, then logs are at info, metrics go to loopback and no backup is scheduled', () => {
    expect(loadConfig({})).toMatchObject({ LOG_LEVEL: 'info', METRICS_ALLOW: ['loopback'], BACKUP_KEEP: 7, SHUTDOWN_TIMEOUT: 10_000 });
    expect(loadConfig({}).BACKUP_DIR).toBeUndefined();
    expect(loadConfig({ BACKUP_DIR: 'backups', BACKUP_EVERY: '24h' }).BACKUP_EVERY).toBe(86_400_000);
  });

  it('when only one of BACKUP_DIR and BACKUP_EVERY is set, then loading fails naming both', () => {
    expect(() => loadConfig({ BACKUP_DIR: '/var/backups/directory' })).toThrow(/^invalid environment: BACKUP_DIR and BACKUP_EVERY must be set together$/);
    expect(() => loadConfig({ BACKUP_EVERY: '24h' })).toThrow(/BACKUP_DIR and BACKUP_EVERY/);
  });

  it('when only one of ADMIN_USERNAME and ADMIN_PASSWORD is set, then loading fails naming both', () => {
    expect(() => loadConfig({ ADMIN_USERNAME: 'admin' })).toThrow(/ADMIN_USERNAME and ADMIN_PASSWORD/);
  });

  it('when the server starts with a bad PORT, then it stops with exit code 2 and one line on stderr', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: 'abc', DATABASE_PATH: ':memory:' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('invalid environment: PORT must be an integer from 0 to 65535 (got "abc")');
  });

  it('when the port is taken, then the server stops with exit code 1 and one line naming the address', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(port), DATABASE_PATH: ':memory:' },
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const code = await new Promise((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(`cannot listen on 127.0.0.1:${port}: listen EADDRINUSE: address already in use 127.0.0.1:${port}`);
    } finally {
      blocker.close();
    }
  });
});
