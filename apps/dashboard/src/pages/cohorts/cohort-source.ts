import type { CohortDefinition } from '@bindery/contracts';
import { formatDate } from '../../format';

/** Where a cohort's members come from, in a few words. */
export function describeSource(definition: CohortDefinition): string {
  switch (definition.type) {
    case 'funnel_dropoff': {
      const step = definition.funnel.steps[definition.step - 1];
      return `Stopped at step ${definition.step} (${step?.event ?? '?'}) of a funnel, ${formatDate(definition.funnel.from)} – ${formatDate(definition.funnel.to)}`;
    }
    case 'feature_abandoners':
      return `Abandoned ${definition.feature} (${definition.abandonDays}+ days), ${formatDate(definition.from)} – ${formatDate(definition.to)}`;
    case 'list':
      return 'A list saved as it was';
  }
}
