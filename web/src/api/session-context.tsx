import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { apiGet, apiRequest, SIGNED_OUT_EVENT, setCsrfToken, setFocusUnits } from "./api-client.js";
import type { Me } from "./api-types.js";

export interface Session {
  /** undefined while the first /auth/me is in flight; null when signed out. */
  me: Me | null | undefined;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  can(permission: string): boolean;
}

const SessionContext = createContext<Session | null>(null);

export const SessionProvider = ({ children }: { children: ReactNode }) => {
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  const adopt = useCallback((next: Me | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setMe(next);
  }, []);

  useEffect(() => {
    // Signed out (401) or unreachable: either way the sign-in page is where to go.
    apiGet<Me>("/api/v1/auth/me").then(adopt, () => adopt(null));
    const onSignedOut = () => adopt(null);
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
  }, [adopt]);

  const value = useMemo<Session>(
    () => ({
      me,
      signIn: async (email, password) => {
        const { data } = await apiRequest<Me>("POST", "/api/v1/auth/sign-in", { body: { email, password } });
        // A new person starts with all of their units in view.
        setFocusUnits([]);
        adopt(data);
      },
      signOut: async () => {
        try {
          await apiRequest("POST", "/api/v1/auth/sign-out");
        } finally {
          setFocusUnits([]);
          adopt(null);
        }
      },
      can: (permission) => me?.permissions.includes(permission) ?? false,
    }),
    [me, adopt],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
};

export const useSession = (): Session => {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
};
