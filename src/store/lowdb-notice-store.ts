import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Notice } from '../domain/notice.js';
import type { NoticeStore } from '../ports.js';
import { openJsonFile } from './json-file.js';
import { createNoticeCollection } from './state-collections.js';

const NoticesFile = z.object({
  notices: z.array(
    z.looseObject({
      id: z.string(),
      status: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      done: z.array(z.string()),
    }),
  ),
});

/** Notices in `DATA_DIR/state/notices.json`; a few hundred a year, so one small file, rewritten per change (changes
 * made while a write is in progress share the next write). */
export async function createLowdbNoticeStore(dataDir: string): Promise<NoticeStore> {
  await mkdir(join(dataDir, 'state'), { recursive: true });
  const db = await openJsonFile(join(dataDir, 'state', 'notices.json'), NoticesFile, { notices: [] });
  return createNoticeCollection(db.data.notices as unknown as Notice[], async (_change, all) => {
    db.data.notices = [...all()];
    await db.write();
  });
}
