import { isoDurationSchema } from '../playbooks/model.ts';
import {
  listProperty,
  localType,
  refProperty,
  stringProperty,
  type ModdleElement,
} from './moddle.ts';

export interface TimerValue {
  duration?: string;
  date?: string;
  cycle?: { every: string; times?: number };
  /** The timer's text as written, for the report. */
  text?: string;
}

/** Reads the first timer definition of an event. */
export function readTimer(element: ModdleElement): TimerValue {
  const definition = listProperty(element, 'eventDefinitions').find(
    (candidate) => localType(candidate) === 'TimerEventDefinition',
  );
  if (!definition) return {};
  const body = (property: string) => {
    const expression = refProperty(definition, property);
    return expression ? stringProperty(expression, 'body')?.trim() : undefined;
  };
  const duration = body('timeDuration');
  const date = body('timeDate');
  const cycle = body('timeCycle');
  const text = duration ?? date ?? cycle;
  const value: TimerValue = text !== undefined ? { text } : {};
  if (duration && isoDurationSchema.safeParse(duration).success) {
    value.duration = duration;
  } else if (date && !Number.isNaN(Date.parse(date))) {
    value.date = date;
  } else if (cycle) {
    const parsed = parseCycle(cycle);
    if (parsed) value.cycle = parsed;
  }
  return value;
}

/** Parses an ISO 8601 repetition such as `R6/P1D` or `R/PT4H`. */
function parseCycle(text: string): TimerValue['cycle'] {
  const match = /^R(\d*)\/(P[^/]+)$/.exec(text);
  if (!match) return undefined;
  const [, times = '', every = ''] = match;
  if (!isoDurationSchema.safeParse(every).success) return undefined;
  const count = times === '' ? undefined : Number(times);
  if (count === 0) return undefined;
  return count === undefined ? { every } : { every, times: count };
}
