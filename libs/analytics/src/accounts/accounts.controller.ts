import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ProjectAccessGuard } from '@bindery/auth';
import {
  type AccountDetail,
  type AccountDetailQuery,
  AccountDetailQuerySchema,
  AccountDetailSchema,
  type AccountHealthHistory,
  AccountHealthHistorySchema,
  type AccountHealthQuery,
  AccountHealthQuerySchema,
  type AccountIdParams,
  AccountIdParamsSchema,
  type AccountList,
  type AccountListQuery,
  AccountListQuerySchema,
  AccountListSchema,
  type ProjectIdParams,
  ProjectIdParamsSchema,
} from '@bindery/contracts';
import { Endpoint } from '@bindery/server';
import { AccountsService } from './accounts.service';

const DAYS =
  'By UTC day up to and including the day of asOf (D): users are the subjects with an action in the account ' +
  'on days D−89..D; activeUsers7d and activeUsers30d count D−6..D and D−29..D; lastSeenAt is its latest action ' +
  'on or before D; weeklyEvents are its actions in the eight 7-day spans ending on D, oldest first.';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(ProjectAccessGuard)
@Controller('v1/projects/:projectId/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @Endpoint({
    access: 'read',
    summary:
      'Accounts with their traits, users, activity, trend and open tasks: by id, or sorted and filtered',
    description:
      `Accounts are known from their actions or their group traits. ${DAYS} With sort or a filter the server ` +
      'ranks every account and returns a page of the ranking, with matched and total (docs/analytics.md, Accounts).',
    params: ProjectIdParamsSchema,
    query: AccountListQuerySchema,
    response: { status: 200, schema: AccountListSchema },
    errors: [400, 401, 403, 422, 503, 504],
  })
  list(@Param() params: ProjectIdParams, @Query() query: AccountListQuery): Promise<AccountList> {
    return this.accounts.list(params.projectId, query);
  }

  @Get(':accountId')
  @Endpoint({
    access: 'read',
    summary: 'One account: its summary, daily usage, features used and members',
    description: `${DAYS} The detail adds, for D−29..D, the daily actions and active users, the features used (most uses first) and the members with their last action and actions in those 30 days.`,
    params: AccountIdParamsSchema,
    query: AccountDetailQuerySchema,
    response: { status: 200, schema: AccountDetailSchema },
    errors: [400, 401, 403, 404, 422, 503, 504],
  })
  detail(@Param() params: AccountIdParams, @Query() query: AccountDetailQuery): Promise<AccountDetail> {
    return this.accounts.detail(params.projectId, params.accountId, query.asOf);
  }

  @Get(':accountId/health')
  @Endpoint({
    access: 'read',
    summary: 'An account’s daily health score and ABC class, oldest first',
    description:
      'As the rules worker computed them on each day it ran: the score 0–100, its components (recency, ' +
      'activeShare, breadth, trend, signals, and sentiment when the account has survey answers; weighed by the ' +
      'project settings) and the ABC class by MRR.',
    params: AccountIdParamsSchema,
    query: AccountHealthQuerySchema,
    response: { status: 200, schema: AccountHealthHistorySchema },
    errors: [400, 401, 403, 422, 503],
  })
  health(
    @Param() params: AccountIdParams,
    @Query() query: AccountHealthQuery,
  ): Promise<AccountHealthHistory> {
    return this.accounts.healthHistory(params.projectId, params.accountId, query.days);
  }
}
