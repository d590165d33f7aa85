import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  NotFound,
  type Survey,
  type SurveyBody,
  type SurveyList,
  type SurveyPatch,
  type SurveySecret,
} from '@bindery/contracts';
import { AuditRepository, type SurveyFields, SurveyRepository, type SurveyRow } from '@bindery/db';
import { resolveTargeting } from './survey-targeting';

/** A stored survey as the API answers it. */
export const toSurvey = (row: SurveyRow): Survey => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  question: row.question,
  enabled: row.enabled,
  targeting: row.targeting,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const fields = (body: SurveyBody): SurveyFields => ({
  name: body.name,
  kind: body.kind,
  question: body.question,
  enabled: body.enabled ?? true,
  targeting: resolveTargeting(body.targeting),
});

/** Survey definitions and the project's survey secret, as the team manages them. */
@Injectable()
export class SurveysService {
  constructor(
    private readonly surveys: SurveyRepository,
    private readonly audit: AuditRepository,
  ) {}

  async list(projectId: string): Promise<SurveyList> {
    return { surveys: (await this.surveys.findByProject(projectId)).map(toSurvey) };
  }

  async get(projectId: string, surveyId: string): Promise<Survey> {
    return toSurvey(await this.find(projectId, surveyId));
  }

  async create(projectId: string, body: SurveyBody, actor: string): Promise<Survey> {
    const row = await this.surveys.create(projectId, uuidv7(), fields(body));
    await this.audit.record({ projectId, actor, action: 'survey.created', details: { surveyId: row.id } });
    return toSurvey(row);
  }

  /** Changes the fields the patch names; targeting given is taken whole, its omitted keys at their defaults. */
  async update(projectId: string, surveyId: string, patch: SurveyPatch, actor: string): Promise<Survey> {
    const current = await this.find(projectId, surveyId);
    const next: SurveyFields = {
      name: patch.name ?? current.name,
      kind: patch.kind ?? current.kind,
      question: patch.question ?? current.question,
      enabled: patch.enabled ?? current.enabled,
      targeting: patch.targeting ? resolveTargeting(patch.targeting) : current.targeting,
    };
    const row = await this.surveys.update(projectId, surveyId, next);
    if (!row) throw NotFound(`Survey ${surveyId} not found`);
    await this.audit.record({ projectId, actor, action: 'survey.updated', details: { surveyId } });
    return toSurvey(row);
  }

  async delete(projectId: string, surveyId: string, actor: string): Promise<void> {
    if (!(await this.surveys.delete(projectId, surveyId))) throw NotFound(`Survey ${surveyId} not found`);
    await this.audit.record({ projectId, actor, action: 'survey.deleted', details: { surveyId } });
  }

  /** A new survey secret: the old one stops verifying at once. */
  async rotateSecret(projectId: string, actor: string): Promise<SurveySecret> {
    const secret = `svs_${randomBytes(32).toString('base64url')}`;
    await this.surveys.saveSecret(projectId, secret);
    await this.audit.record({ projectId, actor, action: 'survey_secret.rotated' });
    return { secret };
  }

  private async find(projectId: string, surveyId: string): Promise<SurveyRow> {
    const row = await this.surveys.findById(projectId, surveyId);
    if (!row) throw NotFound(`Survey ${surveyId} not found`);
    return row;
  }
}
