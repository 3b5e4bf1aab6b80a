import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// Runs src/main.ts as `npm start` does (tsx), in a child process with a controlled environment.
function start(env: Record<string, string>, input = '') {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('SLACK_') && k !== 'DATA_DIR' && k !== 'PORT'),
  );
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...clean, ...env },
    input,
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('npm start', () => {
  it('prints one line naming a bad setting and exits non-zero, without a stack trace', () => {
    const run = start({ SLACK_BOT_TOKEN: 'xoxb-abc', SLACK_SIGNING_SECRET: 'secret-123', PORT: 'eighty' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^PORT must be/);
    expect(run.stderr).not.toContain('xoxb-abc');
  });

  it('opens the console on demo data when no tokens are set, and answers help', () => {
    const run = start({ DATA_DIR: '/nonexistent-invoice-desk' }, 'help\n:quit\n');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Using demo data');
    expect(run.stdout).toContain('/invoice find');
  });
});
