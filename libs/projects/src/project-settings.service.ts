import { Inject, Injectable } from '@nestjs/common';
import { type ClickHouseClient } from '@clickhouse/client';
import { CLICKHOUSE, RETAINED_TABLES, retentionStatement } from '@bindery/clickhouse';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import {
  InvalidInput,
  parseDomainName,
  parseEmailAddress,
  parseTimeZone,
  PLAIN_EMAIL_ADDRESS,
  type ProjectSettings,
} from '@bindery/contracts';
import { AuditRepository, ProjectSettingsRepository } from '@bindery/db';
import { withDefaultSettings } from '@bindery/rules';
import { OutboundPolicy, outboundUrlRefusal } from '@bindery/server';

/** A project's settings, defaults filled in for what it never set. */
@Injectable()
export class ProjectSettingsService {
  constructor(
    private readonly settings: ProjectSettingsRepository,
    private readonly audit: AuditRepository,
    @Inject(BINDERY_CONFIG) private readonly config: BinderyConfig,
    @Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient,
  ) {}

  async get(projectId: string): Promise<ProjectSettings> {
    return withDefaultSettings(await this.settings.get(projectId));
  }

  /**
   * Replaces the settings once they hold: a webhook URL the outbound policy lets requests reach, plain CSM
   * addresses and domains (stored lower-case, as they are compared). A change of eventRetentionDays re-dates
   * the rows already stored first, so that a failure leaves the settings as they were.
   */
  async put(projectId: string, settings: ProjectSettings, actor: string): Promise<ProjectSettings> {
    const checked = await this.checked(settings);
    const retention = checked.eventRetentionDays ?? null;
    if (retention !== ((await this.get(projectId)).eventRetentionDays ?? null)) {
      await this.redate(projectId, retention);
    }
    await this.settings.put(projectId, checked);
    await this.audit.record({ projectId, actor, action: 'settings.updated', details: checked });
    return checked;
  }

  /**
   * Sets when ClickHouse deletes the project's stored events and the rows derived from them: one mutation per
   * table, which ClickHouse applies in the background (the request does not wait for it). On one server, one
   * per partition that holds the project's rows, so that the other partitions' parts are not read; on a
   * cluster, one per table (the shards' partitions are not known here).
   */
  private async redate(projectId: string, retentionDays: number | null): Promise<void> {
    const { cluster } = this.config.clickhouse;
    for (const table of RETAINED_TABLES) {
      const partitions = cluster ? [undefined] : await this.partitionsOf(projectId, table.table);
      for (const partition of partitions) {
        const statement = retentionStatement(projectId, retentionDays, table, cluster, partition);
        await this.clickhouse.command({ query: statement.query, query_params: statement.params });
      }
    }
  }

  /** The partitions of a table that hold rows of the project. */
  private async partitionsOf(projectId: string, table: string): Promise<string[]> {
    const result = await this.clickhouse.query({
      query: `SELECT DISTINCT _partition_id AS id FROM ${table} WHERE project_id = {projectId:UUID}`,
      query_params: { projectId },
      format: 'JSONEachRow',
    });
    return (await result.json<{ id: string }>()).map((r) => r.id);
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
