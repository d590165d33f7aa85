import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ProjectAccessGuard } from '@bindery/auth';
import {
  type AccountIdParams,
  AccountIdParamsSchema,
  type AccountRisk,
  type AccountRiskQuery,
  AccountRiskQuerySchema,
  AccountRiskSchema,
} from '@bindery/contracts';
import { Limited } from '@bindery/event-queries';
import { Endpoint } from '@bindery/server';
import { AccountRiskService } from '@bindery/risk';

@ApiTags('accounts')
@ApiBearerAuth('bearer')
@UseGuards(ProjectAccessGuard)
@Limited('report')
@Controller('v1/projects/:projectId/accounts')
export class AccountRiskController {
  constructor(private readonly accountRisk: AccountRiskService) {}

  @Get(':accountId/risk')
  @Endpoint({
    access: 'read',
    summary: 'Why an account is at risk: its health now and `days` days ago, and the drivers of the change',
    description:
      'Health is computed from the events as the rules worker computes it (docs/analytics.md, Account ' +
      'health) for today and for `days` days ago, with the project’s weights and key features. The change of ' +
      'each component’s part of the score is split among the people, features and signals that explain it: ' +
      'people who went quiet (their recency, active-share and weekly actions), people gone for 90 days (seats ' +
      'lost), key features no longer used, features whose weekly use fell, signals opened or resolved. The ' +
      'drivers’ points are whole and add up to `change` exactly; most costly first.',
    params: AccountIdParamsSchema,
    query: AccountRiskQuerySchema,
    response: { status: 200, schema: AccountRiskSchema },
    errors: [400, 401, 403, 404, 422, 429, 503, 504],
  })
  risk(@Param() params: AccountIdParams, @Query() query: AccountRiskQuery): Promise<AccountRisk> {
    return this.accountRisk.explain(params.projectId, params.accountId, query.days);
  }
}
