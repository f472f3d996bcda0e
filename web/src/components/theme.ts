/**
 * Light or dark. Without a choice the operating system's preference applies (the stylesheet's
 * prefers-color-scheme rules); a choice is remembered in this browser and set as
 * <html data-theme="…">, which the stylesheet's variables follow.
 */
export type Theme = "light" | "dark";

const THEME_KEY = "tandem.theme";

export const storedTheme = (): Theme | null => {
  const value = localStorage.getItem(THEME_KEY);
  return value === "light" || value === "dark" ? value : null;
};

export const effectiveTheme = (): Theme =>
  storedTheme() ?? (window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light");

export const applyTheme = (theme: Theme | null) => {
  if (theme) {
    localStorage.setItem(THEME_KEY, theme);
    document.documentElement.dataset.theme = theme;
  } else {
    localStorage.removeItem(THEME_KEY);
    delete document.documentElement.dataset.theme;
  }
  window.dispatchEvent(new Event("tandem:theme"));
};
