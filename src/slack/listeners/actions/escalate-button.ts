import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { formatId, keyToId } from '../../../domain/identifier.js';
import { catalogFor } from '../../../i18n/catalog-for.js';
import type { Language } from '../../../i18n/language.js';
import { apologyFor } from '../../apology-for.js';
import { buildEscalationModal } from '../../blocks/build-escalation-modal.js';
import { clickedChoice } from '../../button-choice.js';
import type { SlackDeps } from '../../slack-deps.js';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

/** The card's Escalate button: open the escalation form, prefilled with the invoice and the diagnosis. */
export function createEscalateButtonHandler(deps: SlackDeps) {
  return async ({ ack, action, body, client, respond, logger }: Args): Promise<void> => {
    await ack();
    let language: Language | undefined;
    try {
      language = await deps.languageOf(body.user.id);
      const { picked } = clickedChoice(action);
      const key = picked?.kind === 'escalate' ? picked.key : '';
      const actor = { userId: body.user.id, role: deps.roleOf(body.user.id) };
      const view = buildEscalationModal(
        catalogFor(language),
        key ? formatId(keyToId(key)) : '',
        key ? await deps.escalations.describe(actor, key, language) : '',
      );
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      logger.error('escalate button failed', { error: String(error) });
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: await apologyFor(deps, body.user.id, language),
      });
    }
  };
}
