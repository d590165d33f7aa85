import { Injectable } from '@nestjs/common';
import { type SurveyFetchResult } from '@bindery/contracts';
import { SurveyRepository } from '@bindery/db';
import { QueryRunner, traitsBySubject, traitsQuery, type TraitRow } from '@bindery/event-queries';
import { personAccountQuery, personFeatureUsesQuery } from './survey-person.query';
import { type PersonFacts, surveyToShow, type TargetedSurvey } from './survey-targeting';
import { SdkPersonVerifier } from '../sdk-person';

/** What the SDK sends to fetch a person's surveys. */
export interface SurveyFetch {
  writeKey: string | undefined;
  userId: string;
  signature: string | undefined;
}

/**
 * The survey to show a person now, for the SDK: only with the project's write key and the person's signature,
 * made by the customer's server, so that no one can read or spend another person's surveys.
 */
@Injectable()
export class SurveyFetchService {
  constructor(
    private readonly verifier: SdkPersonVerifier,
    private readonly surveys: SurveyRepository,
    private readonly queries: QueryRunner,
  ) {}

  async fetch(request: SurveyFetch, now = new Date()): Promise<SurveyFetchResult> {
    const projectId = await this.verifier.projectOf(request, 'Fetching surveys');
    const surveys = await this.surveys.findEnabledByProject(projectId);
    if (surveys.length === 0) return { surveys: [] };
    const person = await this.person(projectId, request.userId, surveys);
    const survey = surveyToShow(surveys, person, now);
    return { surveys: survey ? [{ id: survey.id, kind: survey.kind, question: survey.question }] : [] };
  }

  /** What the surveys' targeting reads about the person; the events store is read only for what they name. */
  private async person(projectId: string, userId: string, surveys: TargetedSurvey[]): Promise<PersonFacts> {
    const lastShownAt = await this.surveys.lastShownAt(projectId, userId);
    const features = [...new Set(surveys.flatMap((s) => s.targeting.featureUsed?.feature ?? []))];
    const needsTraits = surveys.some((s) => Object.keys(s.targeting.accountTraits).length > 0);
    const [uses, accountTraits] = await Promise.all([
      features.length > 0
        ? this.queries.rows<{ feature: string; uses: number }>(
            personFeatureUsesQuery(projectId, userId, features),
          )
        : [],
      needsTraits ? this.accountTraits(projectId, userId) : {},
    ]);
    return {
      userId,
      lastShownAt,
      accountTraits,
      featureUses: new Map(uses.map((u) => [u.feature, Number(u.uses)])),
    };
  }

  private async accountTraits(projectId: string, userId: string): Promise<Record<string, unknown>> {
    const [row] = await this.queries.rows<{ account: string }>(personAccountQuery(projectId, userId));
    if (!row) return {};
    const rows = await this.queries.rows<TraitRow>(traitsQuery(projectId, 'account', [row.account]));
    return traitsBySubject(rows).get(row.account) ?? {};
  }
}
