import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import { type FastifyReply } from 'fastify';
import { NotFound } from '@bindery/contracts';
import { FeedbackRepository, ProjectRepository } from '@bindery/db';
import { Endpoint } from '@bindery/server';
import { boardPage } from './board-page';

const BoardParamsSchema = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 63 }) });

/** A project's public feedback board: no login, read-only, server-rendered, no personal data. */
@ApiTags('feedback')
@Controller('board')
export class BoardController {
  constructor(
    private readonly feedback: FeedbackRepository,
    private readonly projects: ProjectRepository,
  ) {}

  @Get(':slug')
  @Endpoint({
    summary: 'A project’s public feedback board (HTML)',
    description:
      'Only for a project that opened its board under this slug. Lists the requests, most votes first, with ' +
      'their votes, status and public note; never a person, an account or an id. Cached for a minute.',
    params: BoardParamsSchema,
    response: { status: 200, schema: Type.String({ description: 'An HTML page' }) },
    errors: [404],
  })
  async page(@Param('slug') slug: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const projectId = await this.feedback.projectOfBoard(slug);
    const project = projectId ? await this.projects.findById(projectId) : undefined;
    if (!projectId || !project) throw NotFound(`No public board named ${slug}`);
    const rows = await this.feedback.list(projectId);
    void reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'public, max-age=60, stale-while-revalidate=300')
      .header(
        'content-security-policy',
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      )
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer');
    return boardPage(
      project.name,
      rows.map((r) => ({
        title: r.title,
        body: r.body,
        status: r.status,
        publicNote: r.public_note,
        votes: r.votes,
      })),
    );
  }
}
