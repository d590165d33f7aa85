import { Inject, Injectable } from '@nestjs/common';
import { RetentionRedater } from '@bindery/clickhouse';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import {
  Conflict,
  InvalidInput,
  parseDomainName,
  parseEmailAddress,
  parseTimeZone,
  PLAIN_EMAIL_ADDRESS,
  type ProjectSettings,
  type ProjectSettingsPatch,
} from '@bindery/contracts';
import { AuditRepository, ProjectSettingsRepository, RETENTION_CACHE_MS } from '@bindery/db';
import { JobProducer } from '@bindery/queue';
import { withDefaultSettings } from '@bindery/rules';
import { OutboundPolicy, outboundUrlRefusal } from '@bindery/server';

/**
 * After a change of retention, when the project's rows are re-dated a second time: once every process has
 * read the new setting (ingest may stamp events with its copy of the previous one until then), with time for
 * the inserts it stamped meanwhile to be stored.
 */
export const REDATE_AGAIN_AFTER_MS = RETENTION_CACHE_MS + 10_000;

/** How many times a change of the settings is applied again when others were stored meanwhile. */
const SAVE_ATTEMPTS = 10;

/** A project's settings, defaults filled in for what it never set. */
@Injectable()
export class ProjectSettingsService {
  constructor(
    private readonly settings: ProjectSettingsRepository,
    private readonly audit: AuditRepository,
    @Inject(BINDERY_CONFIG) private readonly config: BinderyConfig,
    private readonly retention: RetentionRedater,
    private readonly jobs: JobProducer,
  ) {}

  async get(projectId: string): Promise<ProjectSettings> {
    return withDefaultSettings(await this.settings.get(projectId));
  }

  /**
   * Replaces the settings once they hold: a webhook URL the outbound policy lets requests reach, plain CSM
   * addresses and domains (stored lower-case, as they are compared).
   */
  async put(projectId: string, settings: ProjectSettings, actor: string): Promise<ProjectSettings> {
    return this.update(projectId, () => settings, actor);
  }

  /**
   * Changes the fields the patch names, each whole, and keeps the others; `null` puts a field back to its
   * default (`eventRetentionDays`: kept until deleted). Checked as {@link put} checks the whole.
   */
  async patch(projectId: string, patch: ProjectSettingsPatch, actor: string): Promise<ProjectSettings> {
    return this.update(
      projectId,
      (current) => {
        const changed: Record<string, unknown> = { ...current, ...patch };
        // A field named null is left out, and the defaults fill it in as they do for a field never set.
        for (const [key, value] of Object.entries(patch)) if (value === null) delete changed[key];
        return withDefaultSettings(changed);
      },
      actor,
    );
  }

  /**
   * Stores `change` of the settings as they stand, checked, over exactly those: when another change was stored
   * meanwhile, `change` applies again to that one, so that two changes of different fields both hold. A change
   * of eventRetentionDays re-dates the rows already stored first, so that a failure leaves the settings as they
   * were, and queues a second re-dating for once ingest has read the new setting ({@link REDATE_AGAIN_AFTER_MS}):
   * the events it stamps with the previous one meanwhile get the new date too. Should the save fail, that job
   * re-dates the rows for the setting as it stands, which changes nothing.
   */
  private async update(
    projectId: string,
    change: (current: ProjectSettings) => ProjectSettings,
    actor: string,
  ): Promise<ProjectSettings> {
    for (let attempt = 1; ; attempt++) {
      const stored = await this.settings.get(projectId);
      const current = withDefaultSettings(stored);
      const checked = await this.checked(change(current));
      const retention = checked.eventRetentionDays ?? null;
      if (retention !== (current.eventRetentionDays ?? null)) {
        await this.retention.redate(projectId, retention);
        await this.jobs.enqueue('redate-events', { projectId }, { delay: REDATE_AGAIN_AFTER_MS });
      }
      if (await this.settings.replace(projectId, stored, checked)) {
        await this.audit.record({ projectId, actor, action: 'settings.updated', details: checked });
        return checked;
      }
      if (attempt === SAVE_ATTEMPTS) {
        throw Conflict('the settings changed while this change was being saved, again and again: try again');
      }
    }
  }

  private async checked(settings: ProjectSettings): Promise<ProjectSettings> {
    const address = (where: string, value: string) => {
      const parsed = parseEmailAddress(value);
      if (parsed === undefined) throw InvalidInput(`${where} must be ${PLAIN_EMAIL_ADDRESS}`);
      return parsed;
    };
    const checked: ProjectSettings = { ...settings };
    if (settings.defaultAssignee) {
      checked.defaultAssignee = address('defaultAssignee', settings.defaultAssignee);
    }
    if (settings.csms) {
      checked.csms = settings.csms.map((csm, i) => ({
        ...csm,
        email: address(`csms.${i}.email`, csm.email),
      }));
    }
    if (settings.csmDomains) {
      checked.csmDomains = settings.csmDomains.map((domain, i) => {
        const parsed = parseDomainName(domain);
        if (parsed === undefined) {
          throw InvalidInput(`csmDomains.${i} must be a domain name such as vendor.example`);
        }
        return parsed;
      });
    }
    if (settings.brand?.senderAddress !== undefined) {
      checked.brand = {
        ...settings.brand,
        senderAddress: address('brand.senderAddress', settings.brand.senderAddress),
      };
    }
    if (settings.timeZone !== undefined) {
      const zone = parseTimeZone(settings.timeZone);
      if (zone === undefined)
        throw InvalidInput('timeZone must be an IANA time zone such as Europe/Berlin or UTC');
      checked.timeZone = zone;
    }
    if (settings.webhook) {
      const refusal = await outboundUrlRefusal(OutboundPolicy.of(this.config.outbound), settings.webhook.url);
      if (refusal !== undefined) {
        throw InvalidInput(
          `webhook.url ${refusal}: webhooks go to public addresses only (OUTBOUND_ALLOW_HOSTS can allow ` +
            'an on-premises target)',
        );
      }
    }
    return checked;
  }
}
