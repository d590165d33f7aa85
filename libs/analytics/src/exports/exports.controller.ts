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
import { Endpoint, type EndpointSpec } from '@bindery/server';
import { ExportsService } from './exports.service';

const STREAMED =
  'CSV (RFC 4180, UTF-8, a header line first; text that a spreadsheet would run as a formula starts with an ' +
  'apostrophe), sent as an attachment.';
const LISTED = ' Streamed page by page (500 rows, each under the report limits), at most 1,000,000 rows.';
const ERRORS = [400, 401, 403, 404, 422, 429, 503, 504];

/** An export: read access, the project in the path, a CSV file or one of the report errors. */
const CsvExport = (spec: Required<Pick<EndpointSpec, 'summary' | 'description' | 'query'>>) =>
  Endpoint({
    access: 'read',
    params: ProjectIdParamsSchema,
    response: { status: 200, schema: CsvSchema },
    errors: ERRORS,
    ...spec,
  });

@ApiTags('exports')
@ApiBearerAuth('bearer')
@ApiProduces('text/csv')
@UseGuards(ProjectAccessGuard)
@Controller('v1/projects/:projectId/exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('funnel')
  @CsvExport({
    summary: 'A funnel as CSV: one line per step (segment "all"), then per breakdown value',
    description: `query is the body of /funnels/query. ${STREAMED}`,
    query: ReportExportQuerySchema,
  })
  funnel(@Param() p: ProjectIdParams, @Query() q: ReportExportQuery): Promise<StreamableFile> {
    return this.exports.funnelReport(p.projectId, q.query);
  }

  @Get('dropoffs')
  @CsvExport({
    summary: 'Who stopped at a funnel step, as CSV',
    description: `query is the body of /funnels/query; the subjects are those of /funnels/dropoffs. ${STREAMED}${LISTED}`,
    query: DropoffExportQuerySchema,
  })
  dropoffs(@Param() p: ProjectIdParams, @Query() q: DropoffExportQuery): Promise<StreamableFile> {
    return this.exports.dropoffList(p.projectId, q);
  }

  @Get('features')
  @CsvExport({
    summary: 'Feature adoption as CSV, one line per feature',
    description: `query is the body of /features/query. ${STREAMED}`,
    query: ReportExportQuerySchema,
  })
  features(@Param() p: ProjectIdParams, @Query() q: ReportExportQuery): Promise<StreamableFile> {
    return this.exports.featureReport(p.projectId, q.query);
  }

  @Get('retention')
  @CsvExport({
    summary: 'Retention cohorts as CSV, one line per cohort',
    description: `query is the body of /retention/query. ${STREAMED}`,
    query: ReportExportQuerySchema,
  })
  retention(@Param() p: ProjectIdParams, @Query() q: ReportExportQuery): Promise<StreamableFile> {
    return this.exports.retentionReport(p.projectId, q.query);
  }

  @Get('accounts')
  @CsvExport({
    summary: 'Every account as CSV, by id, as GET /accounts lists them',
    description: `${STREAMED}${LISTED}`,
    query: AccountExportQuerySchema,
  })
  accounts(@Param() p: ProjectIdParams, @Query() q: AccountExportQuery): Promise<StreamableFile> {
    return this.exports.accountList(p.projectId, q);
  }
}
