import { Injectable } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import {
  COHORT_PREVIEW_TASKS,
  type CohortEmailsBody,
  type CohortEmailsResult,
  CohortMembership,
  type CohortTasksBody,
  type CohortTasksResult,
  DomainError,
  InvalidInput,
  MAX_COHORT_ACTION,
} from '@bindery/contracts';
import { TaskRepository, type TaskPriority } from '@bindery/db';
import { EmailService } from '../emails/email.service';
import { TraitsService } from '../emails/traits.service';
import { ProjectConfigCache } from '../project-config.cache';
import { AccountFacts } from '../tasks/account-facts';
import { dueAt } from '../tasks/task-wording';
import { TasksApiService } from '../tasks/tasks-api.service';

/** A cohort's task on an account has this namespace's UUID v5 of the cohort and the account: one each. */
const COHORT_TASK_NAMESPACE = '6c0f2b8e-5d1a-4f37-9a2e-8b7c4d3e2f10';
/** The priority of a cohort's tasks unless the request gives one. */
const DEFAULT_PRIORITY: TaskPriority = 'P3';

/**
 * What a CSM does with a cohort: a task on each of its accounts, or a training email to each of its people.
 * Each answers a dry run first (how many, and a preview); confirmed, it makes each task or email once.
 */
@Injectable()
export class CohortActionsService {
  constructor(
    private readonly cohorts: CohortMembership,
    private readonly tasks: TasksApiService,
    private readonly taskRows: TaskRepository,
    private readonly emails: EmailService,
    private readonly traits: TraitsService,
    private readonly facts: AccountFacts,
    private readonly config: ProjectConfigCache,
  ) {}

  /**
   * One task per account of the cohort (a person's account is that of their latest action), assigned to the
   * account's CSM (its `csm_email` trait if the project's `csms` or `csmDomains` accept it), else the default
   * assignee, else the shared queue. An account that has its task from this cohort gets no other.
   */
  async createTasks(
    projectId: string,
    cohortId: string,
    body: CohortTasksBody,
    actor: string,
  ): Promise<CohortTasksResult> {
    const title = body.title.trim();
    if (title === '') throw InvalidInput('title must not be blank');
    const { members } = await this.cohorts.resolve(projectId, cohortId, MAX_COHORT_ACTION);
    const accounts = [...new Set(members.flatMap((m) => (m.accountId === null ? [] : [m.accountId])))].sort();
    const withoutAccount = members.filter((m) => m.accountId === null).length;
    const idOf = (accountId: string) => uuidv5(`cohort|${cohortId}|${accountId}`, COHORT_TASK_NAMESPACE);
    const made = await Promise.all(accounts.map((a) => this.taskRows.findById(projectId, idOf(a))));
    const fresh = accounts.filter((_, i) => made[i] === undefined);
    const settings = await this.config.settings(projectId);
    const assigneeOf = async (accountId: string) =>
      TraitsService.csmOf(await this.traits.of(projectId, 'account', accountId), settings).csm ??
      settings.defaultAssignee ??
      null;
    const shown = fresh.slice(0, COHORT_PREVIEW_TASKS);
    const names = await this.facts.of(projectId, shown);
    const preview = await Promise.all(
      shown.map(async (accountId) => ({
        accountId,
        accountName: names.get(accountId)?.name ?? null,
        assignee: await assigneeOf(accountId),
        title,
      })),
    );
    const result = {
      confirmed: body.confirm,
      accounts: accounts.length,
      withoutAccount,
      created: fresh.length,
      alreadyCreated: accounts.length - fresh.length,
      preview,
    };
    if (!body.confirm) return result;
    const priority = body.priority ?? DEFAULT_PRIORITY;
    const due = dueAt(priority, Date.now());
    let created = 0;
    for (const accountId of fresh) {
      const assignee = await assigneeOf(accountId);
      const opened = await this.tasks.open(
        projectId,
        {
          id: idOf(accountId),
          accountId,
          title,
          body: body.body?.trim() ?? '',
          priority,
          assignee,
          dueAt: due,
        },
        { actor, change: { created: true, cohortId, priority, assignee } },
      );
      if (opened.created) created++;
    }
    return { ...result, created, alreadyCreated: accounts.length - created };
  }

  /** A training email to each person of the cohort (see EmailService.cohortTraining). */
  async sendEmails(projectId: string, cohortId: string, body: CohortEmailsBody): Promise<CohortEmailsResult> {
    const { cohort, members } = await this.cohorts.resolve(projectId, cohortId, MAX_COHORT_ACTION);
    if (cohort.kind !== 'people') {
      throw new DomainError(
        'unprocessable',
        `cohort ${cohortId} lists accounts: training emails go to people`,
      );
    }
    return this.emails.cohortTraining(projectId, cohortId, members, body, Date.now());
  }
}
