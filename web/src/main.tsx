import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { TandemApp } from "./app-routes.js";
import { storedTheme } from "./components/theme.js";
import "./styles.css";

// The reader's theme before the first paint (no flash of the other one); no choice: the system's.
const theme = storedTheme();
if (theme) document.documentElement.dataset.theme = theme;

const root = document.getElementById("root");
if (!root) throw new Error("no #root element in index.html");
createRoot(root).render(
  <StrictMode>
    <TandemApp />
  </StrictMode>,
);
