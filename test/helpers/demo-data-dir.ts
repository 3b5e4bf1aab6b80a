import { copyDemoData } from '../../src/demo.js';

/**
 * Fills `dataDir` with the shipped demo data: imported through the real importer and lowdb store once per test
 * worker, then copied, so each test still starts from a folder of its own.
 */
export async function loadDemoData(dataDir: string): Promise<void> {
  await copyDemoData(dataDir, 'Asia/Shanghai');
}
