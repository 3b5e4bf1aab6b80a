import { formatId } from '../domain/identifier.js';
import { formatLocal } from '../lib/time.js';
import type { Formatters } from './catalog.js';

/**
 * The formatters every catalogue text is given: times in the bot's zone, identifiers as people write them.
 * @example formatters('Asia/Shanghai').time('2026-11-25T02:00:00Z') // '2026-11-25 10:00'
 */
export function formatters(zone: string): Formatters {
  return { time: (iso) => formatLocal(iso, zone), id: formatId };
}
