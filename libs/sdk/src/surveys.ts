// @bindery/sdk/surveys: in-app surveys, a module of its own so that pages without surveys never load it.
import type { BinderyClient } from './core/client';
import { type DomDocument } from './surveys/dom';
import { type FeedbackApi, showFeedbackWidget } from './surveys/feedback-widget';
import { showDialog, type SurveyPrompt } from './surveys/survey-dialog';

export type { SurveyPrompt } from './surveys/survey-dialog';
export type { FeedbackItem } from './surveys/feedback-widget';

export interface SurveyOptions {
  /** The client that sends the survey's events (`init()` returns it). */
  client: BinderyClient;
  /** The signed-in person; their surveys are fetched only with their signature. */
  userId: string;
  /** Hex HMAC-SHA256 of `userId` with the project's survey secret, computed by your server. */
  signature: string;
}

/** What happened: no survey for the person now, or the one shown was answered or dismissed. */
export type SurveyOutcome = 'none' | 'answered' | 'dismissed';

interface FetchAnswer {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}
type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<FetchAnswer>;

/**
 * Fetches the survey Bindery picked for the person and, if there is one, shows it and sends `survey shown`,
 * then `survey answered` or `survey dismissed`, through the client. Resolves once the answer is sent.
 */
export async function showSurvey(options: SurveyOptions): Promise<SurveyOutcome> {
  const { client, userId, signature } = options;
  const g = globalThis as unknown as { fetch: Fetch; document: DomDocument };
  const res = await g.fetch(`${client.host}/v1/surveys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, signature, writeKey: client.writeKey }),
  });
  const body = (await res.json()) as { surveys?: SurveyPrompt[]; error?: { message: string } };
  if (!res.ok) throw new Error(`Bindery surveys: ${res.status} ${body.error?.message ?? ''}`.trim());
  const survey = body.surveys?.[0];
  if (!survey) return 'none';
  const call = { userId };
  client.track('survey shown', { surveyId: survey.id, kind: survey.kind }, call);
  const result = await showDialog(g.document, survey);
  const { outcome, ...answer } = result;
  client.track(`survey ${outcome}`, { surveyId: survey.id, kind: survey.kind, ...answer }, call);
  await client.flush();
  return outcome;
}

/**
 * Opens the feedback board widget for the person: the project's requests with their status and votes, a vote
 * button for each (a person votes once; Bindery's refusal is shown), and a form for a new request. Requests and
 * votes are signed like the survey fetch. Resolves when the person closes it.
 */
export function showFeedback(options: SurveyOptions): Promise<void> {
  const { client, userId, signature } = options;
  const g = globalThis as unknown as { fetch: Fetch; document: DomDocument };
  const post = async (path: string, extra: object): Promise<unknown> => {
    const res = await g.fetch(`${client.host}/v1/feedback/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId, signature, writeKey: client.writeKey, ...extra }),
    });
    const body = (await res.json()) as { error?: { message: string } };
    if (!res.ok) throw new Error(body.error?.message ?? `Bindery feedback: ${res.status}`);
    return body;
  };
  const api: FeedbackApi = {
    list: async () =>
      ((await post('list', {})) as { requests: Awaited<ReturnType<FeedbackApi['list']>> }).requests,
    request: async (title, body) => void (await post('requests', body ? { title, body } : { title })),
    vote: async (requestId) => void (await post('votes', { requestId })),
  };
  return showFeedbackWidget(g.document, api);
}
