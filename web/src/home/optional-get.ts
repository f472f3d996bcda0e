import { apiGet, ProblemError } from "../api/api-client.js";

/**
 * GET that answers null when the server has no such resource (404): a capability that this
 * Tandem does not have (yet) shows as "not set up" on a home tile instead of as an error.
 */
export const optionalGet = async <T>(path: string, signal?: AbortSignal): Promise<T | null> => {
  try {
    return await apiGet<T>(path, signal);
  } catch (error) {
    if (error instanceof ProblemError && error.status === 404) return null;
    throw error;
  }
};
