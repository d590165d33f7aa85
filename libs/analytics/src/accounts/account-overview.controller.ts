import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ProjectAccessGuard } from '@bindery/auth';
import {
  type AccountOverview,
  type AccountOverviewQuery,
  AccountOverviewQuerySchema,
  AccountOverviewSchema,
  type ProjectIdParams,
  ProjectIdParamsSchema,
} from '@bindery/contracts';
import { Endpoint } from '@bindery/server';
import { AccountOverviewService } from './account-overview.service';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(ProjectAccessGuard)
@Controller('v1/projects/:projectId/account-overview')
export class AccountOverviewController {
  constructor(private readonly overview: AccountOverviewService) {}

  @Get()
  @Endpoint({
    access: 'read',
    summary: 'The accounts summed up: active, by health band and ABC class, MRR at risk, the most at risk',
    description:
      'Computed on the server over every account, so that a dashboard never loads the list to count it. ' +
      'Health bands and classes are of each account’s latest score; at risk is below the project’s ' +
      'atRiskBelow, watch is up to 20 points above it. Active counts are by UTC day up to the day of asOf (D).',
    params: ProjectIdParamsSchema,
    query: AccountOverviewQuerySchema,
    response: { status: 200, schema: AccountOverviewSchema },
    errors: [400, 401, 403, 422, 503, 504],
  })
  get(@Param() params: ProjectIdParams, @Query() query: AccountOverviewQuery): Promise<AccountOverview> {
    return this.overview.overview(params.projectId, query);
  }
}
