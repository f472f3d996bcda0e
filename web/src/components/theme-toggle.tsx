import { useEffect, useState } from "react";
import { applyTheme, effectiveTheme, type Theme } from "./theme.js";

/** Switches between light and dark; says which one it switches to. */
export const ThemeToggle = () => {
  const [theme, setTheme] = useState<Theme>(effectiveTheme);
  useEffect(() => {
    const follow = () => setTheme(effectiveTheme());
    window.addEventListener("tandem:theme", follow);
    return () => window.removeEventListener("tandem:theme", follow);
  }, []);
  const next: Theme = theme === "dark" ? "light" : "dark";
  return (
    <button
      type="button"
      className="secondary theme-toggle"
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
      onClick={() => applyTheme(next)}
    >
      {theme === "dark" ? "☀ Light" : "☾ Dark"}
    </button>
  );
};
