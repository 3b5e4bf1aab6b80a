import { type Config, ConfigError, loadConfig } from '../config.js';

/**
 * The configuration for a command-line tool (DATA_DIR, time zone, language; Slack tokens are ignored), or undefined
 * after printing the one-line reason it is unusable.
 */
export function loadCliConfig(
  env: Record<string, string | undefined>,
  print: (line: string) => void,
): Config | undefined {
  try {
    return loadConfig(env, ['--console']);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    print(error.message);
    return undefined;
  }
}

/**
 * Reads `--name value` flags from a command line.
 * @example flagsOf(['--since', '2026-11-01'])('--since') // '2026-11-01'
 */
export function flagsOf(argv: readonly string[]): (name: string) => string | undefined {
  return (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
}
