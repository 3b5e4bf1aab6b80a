import { describe, expect, it } from 'vitest';
import { RESOLUTION_CAUSES } from '../../../src/domain/escalation.js';
import { en } from '../../../src/i18n/en.js';
import { zh } from '../../../src/i18n/zh.js';
import { buildEscalationActionModal } from '../../../src/slack/blocks/build-escalation-action-modal.js';
import { ActionBlock } from '../../../src/slack/ids.js';

type Select = { initial_option?: { value: string }; options: Array<{ text: { text: string }; value: string }> };

function causeSelect(view: ReturnType<typeof buildEscalationActionModal>): Select {
  const block = view.blocks.find((b) => b.block_id === ActionBlock.cause) as unknown as { element: Select };
  return block.element;
}

describe('buildEscalationActionModal', () => {
  it('offers every cause with a translated label, including a lost invoice and a referral to the tax authority', () => {
    const select = causeSelect(buildEscalationActionModal(en, 'ESC-20261127-001', 'resolve'));
    expect(select.options.map((o) => o.value)).toEqual([...RESOLUTION_CAUSES]);
    expect(select.options.map((o) => o.text.text)).toContain('Referred to the tax authority');
    expect(select.initial_option).toBeUndefined();
    const zhSelect = causeSelect(buildEscalationActionModal(zh, 'ESC-20261127-001', 'resolve'));
    expect(zhSelect.options.map((o) => o.text.text)).toContain('发票丢失');
  });

  it('pre-selects the suggested cause of an escalation filed for a lost invoice', () => {
    const select = causeSelect(buildEscalationActionModal(en, 'ESC-20261127-001', 'resolve', 'lost'));
    expect(select.initial_option?.value).toBe('lost');
    expect(select.options).toContainEqual(select.initial_option);
  });
});
