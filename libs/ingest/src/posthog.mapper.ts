import { compileValidator, PostHogEventSchema, type EventType } from '@bindery/contracts';
import { correctedTimestamp } from './event-time';
import { asObject, idString, type MappedItem, refuse, toRow } from './mapped-event';

const validate = compileValidator(PostHogEventSchema);

const TYPES = new Map<string, EventType>([
  ['$identify', 'identify'],
  ['$groupidentify', 'group'],
  ['$create_alias', 'alias'],
  ['$pageview', 'page'],
  ['$screen', 'screen'],
]);

export interface PostHogEnvelope {
  sentAt?: unknown;
  receivedAt: number;
  maxEventBytes: number;
}

/** The first account a PostHog event names in `$groups` ({ company: 'acme' } → 'acme'). */
function firstGroup(groups: unknown): string | undefined {
  const first = Object.values(asObject(groups)).find((v) => idString(v) !== '');
  return first === undefined ? undefined : idString(first);
}

/** Maps one PostHog capture event onto an events row, translating `$identify`, `$groupidentify`, `$create_alias` and `$groups`. */
export function mapPostHogEvent(projectId: string, item: unknown, envelope: PostHogEnvelope): MappedItem {
  const checked = validate(item);
  if (!checked.ok) return refuse('invalid_event', checked.message);
  const e = checked.value;
  const props = asObject(e.properties);
  const type = TYPES.get(e.event) ?? 'track';
  const distinctId = idString(e.distinct_id ?? props.distinct_id);
  const anonymous = props.$is_identified === false;
  // As PostHog does: `offset` (ms before sending) only counts when there is no timestamp.
  const timestamp =
    e.timestamp === undefined && e.offset !== undefined
      ? envelope.receivedAt - e.offset
      : correctedTimestamp(e.timestamp, envelope.sentAt, envelope.receivedAt);

  let properties: Record<string, unknown> = props;
  let traits: Record<string, unknown> = {
    ...asObject(props.$set_once),
    ...asObject(e.$set_once),
    ...asObject(props.$set),
    ...asObject(e.$set),
  };
  let userId: string | undefined = anonymous ? undefined : distinctId;
  let anonymousId: string | undefined = anonymous ? distinctId : undefined;
  let accountId = firstGroup(props.$groups);
  if (type === 'identify') {
    anonymousId = idString(props.$anon_distinct_id) || undefined;
    userId = distinctId;
  } else if (type === 'group') {
    accountId = idString(props.$group_key);
    traits = asObject(props.$group_set);
    properties = { $group_type: props.$group_type };
    userId = undefined;
    anonymousId = undefined;
  } else if (type === 'alias') {
    // posthog.alias(newId) from an anonymous visitor names the user id it becomes; from a known user, an
    // extra id of theirs. Either way the link runs from previousId to the user id (docs/analytics.md, People).
    const alias = idString(props.alias);
    properties = { previousId: anonymous ? distinctId : alias };
    userId = anonymous ? alias || undefined : distinctId;
  }
  return toRow(
    projectId,
    {
      source: 'posthog',
      type,
      event: e.event,
      eventId: e.uuid,
      timestamp,
      userId,
      anonymousId,
      accountId,
      sessionId: props.$session_id,
      properties,
      context: {},
      traits,
      libraryName: props.$lib,
      libraryVersion: props.$lib_version,
    },
    envelope.receivedAt,
    envelope.maxEventBytes,
  );
}
