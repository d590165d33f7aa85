import type { Rule, TemplatePreviewBody, TemplateTrialBody } from '@bindery/contracts';

export interface TemplateDraft {
  subject: string;
  html: string;
  text: string;
}

/** The sample user the preview renders for; an empty field falls back to the API's sample (Ann Lee). */
export interface SampleUser {
  first_name: string;
  name: string;
  email: string;
}

export const DEFAULT_SAMPLE_USER: SampleUser = {
  first_name: 'Ann',
  name: 'Ann Lee',
  email: 'ann@example.com',
};

/** The variables a template can use (as the API documents them), with what each holds. */
export const TEMPLATE_VARIABLES: { name: string; holds: string }[] = [
  { name: 'user.first_name', holds: 'the user’s first name' },
  { name: 'user.name', holds: 'the user’s full name' },
  { name: 'user.last_name', holds: 'the user’s last name' },
  { name: 'user.email', holds: 'the address the email goes to' },
  { name: 'user.id', holds: 'the user’s id' },
  { name: 'account.name', holds: 'the user’s account' },
  { name: 'account.id', holds: 'the account’s id' },
  { name: 'feature', holds: 'the feature the rule is about' },
  { name: 'featureName', holds: 'its display name (the project’s features setting)' },
  { name: 'firstName user "there"', holds: 'the capitalised first name, else “there”' },
  { name: 'content.title', holds: 'the training content’s title' },
  { name: 'content.url', holds: 'its link' },
  { name: 'content.summary', holds: 'its summary' },
  { name: 'unsubscribeUrl', holds: 'the one-click unsubscribe link' },
];

/** The preview request for a draft, or null while a part the API requires is empty. */
export function previewBody(draft: TemplateDraft, sample: SampleUser): TemplatePreviewBody | null {
  if (!draft.subject.trim() || !draft.html.trim() || !draft.text.trim()) return null;
  const user = Object.fromEntries(
    Object.entries(sample)
      .map(([k, v]) => [k, v.trim()])
      .filter(([, v]) => v !== ''),
  );
  const body: TemplatePreviewBody = { subject: draft.subject, html: draft.html, text: draft.text };
  return Object.keys(user).length > 0 ? { ...body, user } : body;
}

/** Whom the preview is for: the sample user, or a real person with real training content. */
export type PreviewTarget = { kind: 'sample' } | { kind: 'person'; personId: string; contentKey: string };

/** The request for a draft tried on a real person, or null while a part or the choice is missing. */
export function trialBody(
  draft: TemplateDraft,
  personId: string,
  contentKey: string,
): TemplateTrialBody | null {
  if (!draft.subject.trim() || !draft.html.trim() || !draft.text.trim()) return null;
  if (personId === '' || contentKey === '') return null;
  return { subject: draft.subject, html: draft.html, text: draft.text, personId, contentKey };
}

/** A person's label in the picker: their name or email trait beside their id. */
export function personLabel(person: { id: string; traits: Record<string, unknown> }): string {
  const named = [person.traits.name, person.traits.email].find(
    (v) => typeof v === 'string' && v.trim() !== '',
  );
  return typeof named === 'string' ? `${named} (${person.id})` : person.id;
}

/** The rules whose email actions send the template of this name (rules name templates, not ids). */
export function rulesSending(templateName: string, rules: Rule[]): Rule[] {
  return rules.filter((r) => r.actions.some((a) => a.kind === 'email' && a.template === templateName));
}
