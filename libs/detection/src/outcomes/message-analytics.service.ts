import { Injectable } from '@nestjs/common';
import {
  type MessageAnalytics,
  type MessageAnalyticsQuery,
  type MessageStats,
  type RuleGoal,
} from '@bindery/contracts';
import {
  EmailClickRepository,
  ProjectSettingsRepository,
  type Rule,
  RuleRepository,
  type TrainingEmailFacts,
} from '@bindery/db';
import { parseRange } from '@bindery/event-queries';
import { DAY_MS, goalOf, withDefaultSettings } from '@bindery/rules';
import { GoalReachService } from './goal-reach.service';

/** Why `opened` is a hint, never a measure. */
const OPENS_CAVEAT =
  'Opens are unreliable: only emails written while open tracking was on carry the tracking image, mail ' +
  'clients that block images never count, and image proxies (Apple Mail Privacy Protection, Gmail) load it ' +
  'for emails nobody read. Clicks and conversions are the measures to trust.';

/** The default range: the emails of the last 30 days. */
const DEFAULT_DAYS = 30;

const empty = (): MessageStats => ({
  written: 0,
  sent: 0,
  failed: 0,
  bounced: 0,
  suppressed: 0,
  unsubscribed: 0,
  clicked: 0,
  opened: 0,
  converted: 0,
});

function add(stats: MessageStats, email: TrainingEmailFacts, converted: boolean): void {
  stats.written++;
  if (email.status === 'sent') stats.sent++;
  if (email.status === 'failed') stats.failed++;
  if (email.bounced) stats.bounced++;
  if (email.suppressed) stats.suppressed++;
  if (email.unsubscribed) stats.unsubscribed++;
  if (email.clicked && email.status === 'sent') stats.clicked++;
  if (email.opened && email.status === 'sent') stats.opened++;
  if (converted) stats.converted++;
}

/**
 * What the training emails did, per template and per rule: how many went out, failed, bounced or were
 * suppressed, and of those sent, how many were unsubscribed from, clicked, opened (unreliable) and followed by
 * the rule's goal.
 */
@Injectable()
export class MessageAnalyticsService {
  constructor(
    private readonly emails: EmailClickRepository,
    private readonly rules: RuleRepository,
    private readonly goals: GoalReachService,
    private readonly settings: ProjectSettingsRepository,
  ) {}

  async report(projectId: string, q: MessageAnalyticsQuery, now = Date.now()): Promise<MessageAnalytics> {
    const to = q.to ?? new Date(now).toISOString();
    const range = parseRange({
      from: q.from ?? new Date(Date.parse(to) - DEFAULT_DAYS * DAY_MS).toISOString(),
      to,
    });
    const emails = await this.emails.trainingEmails(projectId, {
      from: new Date(range.from),
      to: new Date(range.to),
    });
    const rules = new Map((await this.rules.findByProject(projectId)).map((r) => [r.id, r]));
    const converted = await this.converted(projectId, rules, emails);
    const byTemplate = new Map<string, MessageStats>();
    const byRule = new Map<string, MessageStats>();
    for (const email of emails) {
      const template = email.template ?? '';
      if (!byTemplate.has(template)) byTemplate.set(template, empty());
      add(byTemplate.get(template)!, email, converted.has(email.id));
      if (email.rule_id && rules.has(email.rule_id)) {
        if (!byRule.has(email.rule_id)) byRule.set(email.rule_id, empty());
        add(byRule.get(email.rule_id)!, email, converted.has(email.id));
      }
    }
    return {
      from: new Date(range.from).toISOString(),
      to: new Date(range.to).toISOString(),
      templates: [...byTemplate]
        .map(([template, stats]) => ({ template, ...stats }))
        .sort((a, b) => a.template.localeCompare(b.template)),
      rules: [...byRule]
        .map(([ruleId, stats]) => ({ ruleId, name: rules.get(ruleId)?.name ?? '', ...stats }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      opens: {
        tracked: withDefaultSettings(await this.settings.get(projectId)).openTracking,
        reliable: false,
        caveat: OPENS_CAVEAT,
      },
    };
  }

  /** The sent emails whose signal's subject reached its rule's goal (of the signal's version) after the send. */
  private async converted(
    projectId: string,
    rules: Map<string, Rule>,
    emails: TrainingEmailFacts[],
  ): Promise<Set<string>> {
    const byVersion = new Map<string, TrainingEmailFacts[]>();
    for (const e of emails) {
      if (e.status !== 'sent' || !e.sent_at || !e.rule_id || e.rule_version === null) continue;
      const key = `${e.rule_id}|${e.rule_version}`;
      byVersion.set(key, [...(byVersion.get(key) ?? []), e]);
    }
    const converted = new Set<string>();
    for (const sent of byVersion.values()) {
      const { rule_id: ruleId, rule_version: version } = sent[0]!;
      const rule = rules.get(ruleId!);
      const stored = rule && (await this.rules.findVersion(projectId, rule.id, version!));
      if (!rule || !stored) continue;
      const reached = await this.goals.reachedAt(
        projectId,
        rule,
        goalOf(rule.type, stored.goal as RuleGoal | null),
        sent.map((e) => ({
          id: e.id,
          userId: e.user_id,
          accountId: e.account_id,
          details: (e.details ?? {}) as Record<string, unknown>,
          start: e.sent_at!.getTime(),
        })),
      );
      for (const id of reached.keys()) converted.add(id);
    }
    return converted;
  }
}
