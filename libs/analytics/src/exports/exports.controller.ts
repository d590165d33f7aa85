import { Controller, Get, Param, Query, type StreamableFile, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ProjectAccessGuard } from '@bindery/auth';
import {
  type AccountExportQuery,
  AccountExportQuerySchema,
  CsvSchema,
  type DropoffExportQuery,
  DropoffExportQuerySchema,
  type ProjectIdParams,
  ProjectIdParamsSchema,
  type ReportExportQuery,
  ReportExportQuerySchema,
} from '@bindery/contracts';
import { Endpoint } from '@bindery/server';
import { ExportsService } from './exports.service';

const STREAMED =
  'CSV (RFC 4180, UTF-8, a header line first; text that a spreadsheet would run as a formula starts with an ' +
  'apostrophe), sent as an attachment.';
const LISTED = ' Streamed page by page (500 rows, each under the report limits), at most 1,000,000 rows.';
const ERRORS = [400, 401, 403, 404, 422, 429, 503, 504];

@ApiTags('exports')
@ApiBearerAuth('bearer')
@ApiProduces('text/csv')
@UseGuards(ProjectAccessGuard)
@Controller('v1/projects/:projectId/exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('funnel')
  @Endpoint({
    access: 'read',
    summary: 'A funnel as CSV: one line per step (segment "all"), then per breakdown value',
    description: `query is the body of /funnels/query. ${STREAMED}`,
    params: ProjectIdParamsSchema,
    query: ReportExportQuerySchema,
    response: { status: 200, schema: CsvSchema },
    errors: ERRORS,
  })
  funnel(@Param() p: ProjectIdParams, @Query() q: ReportExportQuery): Promise<StreamableFile> {
    return this.exports.funnelReport(p.projectId, q.query);
  }

  @Get('dropoffs')
  @Endpoint({
    access: 'read',
    summary: 'Who stopped at a funnel step, as CSV',
    description: `query is the body of /funnels/query; the subjects are those of /funnels/dropoffs. ${STREAMED}${LISTED}`,
    params: ProjectIdParamsSchema,
    query: DropoffExportQuerySchema,
    response: { status: 200, schema: CsvSchema },
    errors: ERRORS,
  })
  dropoffs(@Param() p: ProjectIdParams, @Query() q: DropoffExportQuery): Promise<StreamableFile> {
    return this.exports.dropoffList(p.projectId, q);
  }

  @Get('features')
  @Endpoint({
    access: 'read',
    summary: 'Feature adoption as CSV, one line per feature',
    description: `query is the body of /features/query. ${STREAMED}`,
    params: ProjectIdParamsSchema,
    query: ReportExportQuerySchema,
    response: { status: 200, schema: CsvSchema },
    errors: ERRORS,
  })
  features(@Param() p: ProjectIdParams, @Query() q: ReportExportQuery): Promise<StreamableFile> {
    return this.exports.featureReport(p.projectId, q.query);
  }

  @Get('retention')
  @Endpoint({
    access: 'read',
    summary: 'Retention cohorts as CSV, one line per cohort',
    description: `query is the body of /retention/query. ${STREAMED}`,
    params: ProjectIdParamsSchema,
    query: ReportExportQuerySchema,
    response: { status: 200, schema: CsvSchema },
    errors: ERRORS,
  })
  retention(@Param() p: ProjectIdParams, @Query() q: ReportExportQuery): Promise<StreamableFile> {
    return this.exports.retentionReport(p.projectId, q.query);
  }

  @Get('accounts')
  @Endpoint({
    access: 'read',
    summary: 'Every account as CSV, by id, as GET /accounts lists them',
    description: `${STREAMED}${LISTED}`,
    params: ProjectIdParamsSchema,
    query: AccountExportQuerySchema,
    response: { status: 200, schema: CsvSchema },
    errors: ERRORS,
  })
  accounts(@Param() p: ProjectIdParams, @Query() q: AccountExportQuery): Promise<StreamableFile> {
    return this.exports.accountList(p.projectId, q);
  }
}
