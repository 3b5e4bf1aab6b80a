import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Config } from './config.js';
import { createBotCore } from './flows/create-bot-core.js';
import type { Clock, Notifier } from './ports.js';
import { readHealth } from './services/read-health.js';
import { openStores } from './store/open-stores.js';
import { loadChecklistConfig, loadSettings } from './store/settings-file.js';

/**
 * Stores → services → flows over one data folder, the same for every runtime: the core, the audit log and the
 * health report the Slack runtime serves.
 */
export async function openBot(config: Config, dataDir: string, clock: Clock, notifier: Notifier) {
  // The console always runs on its own copy of the demo data, never on a shared database.
  const database =
    config.mode !== 'console' && config.databaseUrl
      ? { url: config.databaseUrl, schema: config.databaseSchema }
      : undefined;
  const ports = await openStores(dataDir, clock, notifier, database, config.scheduleLeaseMs);
  const settings = await loadSettings(dataDir);
  const bot = createBotCore(ports, {
    language: config.language,
    zone: config.timezone,
    settings: settings.diagnosis,
    escalationSettings: settings.escalations,
    checklist: await loadChecklistConfig(dataDir),
    announceChannels: config.announceChannels,
    ...(config.escalationChannel ? { escalationChannel: config.escalationChannel } : {}),
    financeLeads: config.financeLeads,
    admins: config.adminUsers,
    newId: () => randomUUID().slice(0, 8).toUpperCase(),
    inboxPath: join(dataDir, 'inbox'),
  });
  const { store } = ports;
  const { staleSyncHours } = settings.diagnosis;
  return {
    ...bot,
    audit: ports.audit,
    memory: ports.memory,
    openDedupe: ports.openDedupe,
    /** Flushes the audit log and closes the database connections; once, when the bot stops. */
    close: async () => {
      await ports.audit.close();
      await ports.close();
    },
    health: () => readHealth({ store, clock, mode: config.mode, staleSyncHours }),
  };
}
