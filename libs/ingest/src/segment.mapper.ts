import { compileValidator, SegmentMessages, type SegmentType, type EventType } from '@bindery/contracts';
import { correctedTimestamp } from './event-time';
import { asObject, type MappedItem, refuse, toRow } from './mapped-event';

const validators = Object.fromEntries(
  Object.entries(SegmentMessages).map(([type, schema]) => [type, compileValidator(schema)]),
) as { [T in SegmentType]: ReturnType<typeof compileValidator<(typeof SegmentMessages)[T]>> };

const isSegmentType = (t: unknown): t is SegmentType =>
  typeof t === 'string' && Object.hasOwn(SegmentMessages, t);

/** Event names for the calls that have none of their own. */
const CALL_EVENT: Record<Exclude<EventType, 'track'>, string> = {
  identify: '$identify',
  group: '$group',
  page: '$page',
  screen: '$screen',
  alias: '$alias',
};

export interface SegmentEnvelope {
  context?: Record<string, unknown>;
  sentAt?: unknown;
  receivedAt: number;
  maxEventBytes: number;
}

/** Maps one Segment message (https://segment.com/docs/connections/spec/) onto an events row. */
export function mapSegmentMessage(
  projectId: string,
  item: unknown,
  callType: SegmentType | undefined,
  envelope: SegmentEnvelope,
): MappedItem {
  const raw = asObject(item);
  const type = callType ?? raw.type;
  if (!isSegmentType(type)) {
    return refuse('invalid_type', `type must be one of ${Object.keys(SegmentMessages).join(', ')}`);
  }
  // Batch items name their own type: validated as they are, without a copy per event.
  const checked = validators[type](raw.type === type ? raw : { ...raw, type });
  if (!checked.ok) return refuse('invalid_event', checked.message);
  const m = checked.value as Record<string, unknown> & { context?: Record<string, unknown> };
  const context = envelope.context ? { ...envelope.context, ...m.context } : (m.context ?? {});
  const library = asObject(context.library);
  let properties = asObject(m.properties);
  if (type === 'page' || type === 'screen') {
    properties = {
      ...properties,
      ...(m.name ? { name: m.name } : {}),
      ...(m.category ? { category: m.category } : {}),
    };
  } else if (type === 'alias') {
    properties = { previousId: String(m.previousId) };
  }
  return toRow(
    projectId,
    {
      source: 'segment',
      type,
      event: type === 'track' ? (m.event as string) : CALL_EVENT[type],
      eventId: m.messageId as string | undefined,
      // RudderStack sends `originalTimestamp` (the client's clock, like Segment's `timestamp`) and no `timestamp`.
      timestamp: correctedTimestamp(
        m.timestamp ?? m.originalTimestamp,
        m.sentAt ?? envelope.sentAt,
        envelope.receivedAt,
      ),
      userId: m.userId,
      anonymousId: m.anonymousId,
      accountId: type === 'group' ? m.groupId : (context.groupId ?? properties.groupId),
      sessionId: context.sessionId ?? properties.sessionId,
      properties,
      context,
      traits:
        type === 'identify' || type === 'group'
          ? asObject(m.traits ?? (type === 'identify' ? context.traits : undefined))
          : {},
      libraryName: library.name,
      libraryVersion: library.version,
    },
    envelope.receivedAt,
    envelope.maxEventBytes,
  );
}
