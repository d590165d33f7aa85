import { type FeatureDefinition, type ResolvedProjectSettings } from '@bindery/contracts';
import { type TrainingContent } from '@bindery/db';
import { type TrainingContext } from '../content/templates/template-renderer';
import { unsubscribeToken } from './unsubscribe-token';

/**
 * A feature's name for people: its display name from the project's `features` setting, else its key made
 * readable ("report_exported" and "reportExported" → "Report exported").
 */
export function featureDisplayName(features: readonly FeatureDefinition[], key: string): string {
  const named = features.find((f) => f.key === key)?.name;
  if (named !== undefined) return named;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`)
    .replace(/[\s_.:-]+/g, ' ')
    .trim();
  return words === '' ? key : words.charAt(0).toLocaleUpperCase('en') + words.slice(1);
}

/** The one-click unsubscribe link of an address in a project, signed. */
export function unsubscribeUrl(publicUrl: string, projectId: string, email: string, key: string): string {
  return `${publicUrl}/v1/unsubscribe?token=${unsubscribeToken({ projectId, email }, key)}`;
}

/** What a training email to a person about a feature renders with (see {@link TrainingContext}). */
export function trainingContext(input: {
  userId: string;
  recipient: string;
  user: Record<string, unknown>;
  accountId: string | null;
  account: Record<string, unknown>;
  feature: string;
  content: Pick<TrainingContent, 'title' | 'url' | 'summary'>;
  settings: Pick<ResolvedProjectSettings, 'features'>;
  unsubscribeUrl: string;
}): TrainingContext {
  const { content } = input;
  return {
    user: { ...input.user, id: input.userId, email: input.recipient },
    account: { ...input.account, id: input.accountId },
    feature: input.feature,
    featureName: featureDisplayName(input.settings.features, input.feature),
    content: { title: content.title, url: content.url, summary: content.summary },
    unsubscribeUrl: input.unsubscribeUrl,
  };
}

/** The headers of a marketing email to a user: one-click unsubscribe (RFC 8058). */
export const unsubscribeHeaders = (url: string): Record<string, string> => ({
  'List-Unsubscribe': `<${url}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});
