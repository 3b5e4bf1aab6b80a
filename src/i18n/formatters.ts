import { type Disclosure, disclosureFor } from '../domain/disclosure.js';
import { formatId } from '../domain/identifier.js';
import { formatLocal } from '../lib/time.js';
import type { Formatters } from './catalog.js';

// Text that is not for one known reader (channel posts, digests, lists) names no record value.
const MASKED = disclosureFor(undefined, undefined, 'shared');

/**
 * The formatters every catalogue text is given: times in the bot's zone, identifiers as people write them, and
 * amounts and tax ids as the masking rule lets the reader see them — masked unless a disclosure says otherwise.
 * @example formatters('Asia/Shanghai').time('2026-11-25T02:00:00Z') // '2026-11-25 10:00'
 */
export function formatters(zone: string, disclosure: Disclosure = MASKED): Formatters {
  // Made once per disclosure (the domain has two) and zone, not twice per lookup: they hold no state, and frozen,
  // nothing can change one for the next reader.
  let byZone = made.get(disclosure);
  if (!byZone) {
    byZone = new Map();
    made.set(disclosure, byZone);
  }
  let f = byZone.get(zone);
  if (!f) {
    f = Object.freeze(make(zone, disclosure));
    byZone.set(zone, f);
  }
  return f;
}

const made = new WeakMap<Disclosure, Map<string, Formatters>>();

function make(zone: string, disclosure: Disclosure): Formatters {
  // A method, not an arrow property: under tsx (`npm start`) every named arrow costs a defineProperty of its name
  // each time it is created.
  return {
    time(iso) {
      return formatLocal(iso, zone);
    },
    id: formatId,
    ...disclosure,
  };
}
