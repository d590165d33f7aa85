import { Injectable } from '@nestjs/common';
import { type SignalList, type SignalListQuery } from '@bindery/contracts';
import { RuleRepository, SignalRepository } from '@bindery/db';
import { decodeCreatedCursor, encodeCreatedCursor } from '@bindery/event-queries';

/** The signals rules raised, for the API (the notifier reads them by id). */
@Injectable()
export class SignalsService {
  constructor(
    private readonly signals: SignalRepository,
    private readonly rules: RuleRepository,
  ) {}

  async list(projectId: string, q: SignalListQuery): Promise<SignalList> {
    const [rows, rules] = await Promise.all([
      this.signals.list(projectId, {
        ruleId: q.ruleId,
        accountId: q.accountId,
        userId: q.userId,
        since: q.since === undefined ? undefined : new Date(q.since),
        limit: q.limit + 1,
        before: q.cursor === undefined ? undefined : decodeCreatedCursor(q.cursor),
      }),
      this.rules.findByProject(projectId),
    ]);
    const typeOf = new Map(rules.map((r) => [r.id, r.type]));
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return {
      signals: page.map((s) => ({
        id: s.id,
        ruleId: s.rule_id,
        ruleType: typeOf.get(s.rule_id) ?? '',
        userId: s.user_id,
        accountId: s.account_id,
        periodKey: s.period_key,
        details: s.details,
        createdAt: s.created_at.toISOString(),
        resolvedAt: s.resolved_at?.toISOString() ?? null,
        resolution: s.resolution,
        heldOut: s.held_out,
      })),
      nextCursor: rows.length > q.limit && last ? encodeCreatedCursor(last.created_at, last.id) : null,
    };
  }
}
