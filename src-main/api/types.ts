import type { z } from 'zod';
import type {
  Channel,
  Contract,
  ResultOf,
} from '../../src-shared/ipc/contract.ts';

/** A channel's arguments after the contract's schema has parsed them. */
export type ParsedArgs<C extends Channel> = z.output<Contract[C]['args']>;

export type Handler<C extends Channel> = (
  args: ParsedArgs<C>,
) => ResultOf<C> | Promise<ResultOf<C>>;

/** One handler per channel of the contract. */
export type Handlers = { [C in Channel]: Handler<C> };

/** Handlers for the channels of one area, such as `journeys:*`. */
export type AreaHandlers<Prefix extends string> = {
  [C in Channel as C extends `${Prefix}:${string}` ? C : never]: Handler<C>;
};
