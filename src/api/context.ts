import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Clock } from "../domain/clock.js";
import type { Store } from "../store/open-store.js";
import type { Repositories } from "../store/repositories/index.js";

export type TandemApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What every route module receives: the store, the clock, and repositories bound to the caller. */
export interface ApiContext {
  store: Store;
  clock: Clock;
  repositoriesFor(request: FastifyRequest): Repositories;
  signInAttemptsPerMinute: number;
}
