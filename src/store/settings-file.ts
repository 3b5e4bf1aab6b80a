import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChecklistConfig } from '../domain/checklist-config.js';
import { EscalationSettings } from '../domain/escalation-settings.js';
import { DiagnosisSettings } from '../domain/settings.js';
import { openJsonFile } from './json-file.js';

// settings.json: the diagnosis thresholds at the top level, the escalation SLA under `escalations`.
const SettingsFile = DiagnosisSettings.extend({
  escalations: EscalationSettings.default(EscalationSettings.parse({})),
});

/** The settings admins may edit in DATA_DIR. */
export type Settings = { diagnosis: DiagnosisSettings; escalations: EscalationSettings };

/**
 * Reads `DATA_DIR/settings.json` (every key optional; a missing file means the defaults). A file that does not parse
 * or holds a bad value stops the bot with a message naming the file and field.
 */
export async function loadSettings(dataDir: string): Promise<Settings> {
  const file = await openJsonFile(join(dataDir, 'settings.json'), SettingsFile, SettingsFile.parse({}));
  const { escalations, ...diagnosis } = file.data;
  return { diagnosis, escalations };
}

/** The shipped troubleshooting steps; a `checklist.json` in DATA_DIR replaces them. */
export const DEFAULT_CHECKLIST = fileURLToPath(new URL('../../data/checklist.json', import.meta.url));

/** Reads the troubleshooting steps: DATA_DIR/checklist.json if present, else the shipped file; a bad edit stops the bot. */
export async function loadChecklistConfig(dataDir: string): Promise<ChecklistConfig> {
  const own = join(dataDir, 'checklist.json');
  const file = (await access(own).then(
    () => true,
    () => false,
  ))
    ? own
    : DEFAULT_CHECKLIST;
  return (await openJsonFile(file, ChecklistConfig, { expireAfterHours: 24, steps: [] })).data;
}
