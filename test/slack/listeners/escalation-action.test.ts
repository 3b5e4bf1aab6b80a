import { describe, expect, it } from 'vitest';
import { createEscalationActionHandler } from '../../../src/slack/listeners/actions/escalation-action.js';
import { fakeArgs, recordingConversation, slackDeps } from '../../helpers/fake-bolt-args.js';

type Opened = { view: { blocks: Array<{ block_id: string; element: { initial_option?: { value: string } } }> } };

async function openResolveForm(reason?: 'lost') {
  const deps = await slackDeps(recordingConversation().conversation);
  const requester = { userId: 'UDEMOEMP', role: 'employee' as const };
  await deps.escalations.file(requester, 'D26112000000000100010', 'normal', '', [], 'en', reason);
  const opened: Opened[] = [];
  const { args, calls } = fakeArgs({
    action: { action_id: 'invoice_escact', value: 'ESC-20261127-001:resolve' },
    body: { user: { id: 'UFIN' }, trigger_id: 'T1' },
    client: { views: { open: async (p: Opened) => void opened.push(p) } },
  });
  await createEscalationActionHandler(deps)(args as never);
  expect(calls.ack).toBe(1);
  return opened[0]?.view.blocks.find((b) => b.block_id === 'action_cause')?.element.initial_option?.value;
}

describe('createEscalationActionHandler', () => {
  it('opens the resolve form with “lost invoice” pre-selected for an escalation filed for a lost invoice', async () => {
    expect(await openResolveForm('lost')).toBe('lost');
  });

  it('pre-selects nothing for any other escalation', async () => {
    expect(await openResolveForm()).toBeUndefined();
  });
});
