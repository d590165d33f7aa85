import { Injectable } from '@nestjs/common';
import { type ResolvedProjectSettings } from '@bindery/contracts';
import {
  type EmailTemplate,
  EmailTemplateRepository,
  ProjectSettingsRepository,
  type Rule,
  RuleRepository,
  type TrainingContent,
  TrainingContentRepository,
} from '@bindery/db';
import { withDefaultSettings } from '@bindery/rules';

/** A change to a rule, a template, content or settings reaches the notifier within this long. */
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * What the notifier reads for every signal but rarely changes: the rule, the project's settings, its email
 * templates and training content, kept for a few seconds instead of read from Postgres for each email.
 */
@Injectable()
export class ProjectConfigCache {
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(
    private readonly rules: RuleRepository,
    private readonly settingsRepo: ProjectSettingsRepository,
    private readonly templates: EmailTemplateRepository,
    private readonly content: TrainingContentRepository,
  ) {}

  rule(projectId: string, ruleId: string): Promise<Rule | undefined> {
    return this.get(`rule|${projectId}|${ruleId}`, () => this.rules.findById(projectId, ruleId));
  }

  settings(projectId: string): Promise<ResolvedProjectSettings> {
    return this.get(`settings|${projectId}`, async () =>
      withDefaultSettings(await this.settingsRepo.get(projectId)),
    );
  }

  template(projectId: string, name: string): Promise<EmailTemplate | undefined> {
    return this.get(`template|${projectId}|${name}`, () => this.templates.findByName(projectId, name));
  }

  trainingContent(projectId: string, key: string): Promise<TrainingContent | undefined> {
    return this.get(`content|${projectId}|${key}`, () => this.content.findByKey(projectId, key));
  }

  private get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < TTL_MS) return hit.value as Promise<T>;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const value = load();
    this.entries.set(key, { at: now, value });
    // A failed read is not kept: the next asks again.
    value.catch(() => this.entries.delete(key));
    return value;
  }
}
