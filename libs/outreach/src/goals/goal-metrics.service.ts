import { Injectable } from '@nestjs/common';
import { type GoalCadence, type GoalMetric, type GoalParams } from '@bindery/contracts';
import { GoalRepository } from '@bindery/db';
import { QueryRunner } from '@bindery/event-queries';
import { goalMetricQuery, goalValue } from './goal-metric.query';
import { type GoalPeriod } from './goal-periods';

const DAY_MS = 86_400_000;

/** Measures a goal's metric for one period: from the events in ClickHouse, or the stored health scores. */
@Injectable()
export class GoalMetrics {
  constructor(
    private readonly runner: QueryRunner,
    private readonly goals: GoalRepository,
  ) {}

  async value(
    projectId: string,
    goal: { metric: GoalMetric; params: GoalParams; cadence: GoalCadence },
    period: GoalPeriod,
  ): Promise<number | null> {
    if (goal.metric === 'average_health') {
      const day = new Date(period.end - DAY_MS).toISOString().slice(0, 10);
      const { sum, count } = await this.goals.healthOn(projectId, day);
      return goalValue(goal.metric, sum, count);
    }
    const [row] = await this.runner.rows(
      goalMetricQuery(projectId, goal.metric, goal.params, goal.cadence, period),
    );
    return goalValue(goal.metric, row?.num ?? 0, row?.den ?? 0);
  }
}
