/**
 * Who is asking. Repositories are created for an actor so that scoping lives in the queries;
 * the system actor (CLI, demo, migrations) sees everything.
 */
export type Actor = { kind: "system"; name: string } | { kind: "user"; userId: string; name: string };

export const systemActor = (name = "system"): Actor => ({ kind: "system", name });
