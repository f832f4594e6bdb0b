import { useCallback, useEffect, useState } from "react";
import { api, savedToken, saveToken, setUnauthorizedHandler } from "./api";
import { currentRoute, VIEWS } from "./nav";
import { ErrorNote } from "./ui";
import { AlertsView } from "./views/Alerts";
import { ComplianceView } from "./views/Compliance";
import { FindingsView } from "./views/Findings";
import { IncidentsView } from "./views/Incidents";
import { InventoryView } from "./views/Inventory";
import { OverviewView } from "./views/Overview";
import { QueryView } from "./views/Query";
import { ScansView } from "./views/Scans";
import { VulnerabilitiesView } from "./views/Vulnerabilities";

function useTheme(): [string, () => void] {
  const [theme, setTheme] = useState(() => localStorage.getItem("mamori.theme") ?? "auto");
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem("mamori.theme", theme);
  }, [theme]);
  const next = () => setTheme((t) => (t === "auto" ? "dark" : t === "dark" ? "light" : "auto"));
  return [theme, next];
}

function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      const me = await api<Me>("/api/v1/me", { token: token.trim() });
      saveToken(token.trim());
      onSignedIn(me);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <main className="signin">
      <form onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">Mamori</h1>
        <p>
          Sign in with an API token (printed by <code>mamori serve</code> on first start, or{" "}
          <code>mamori token create</code>).
        </p>
        <label htmlFor="token">API token</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          required
        />
        <button type="submit">Sign in</button>
        <ErrorNote error={error} />
      </form>
    </main>
  );
}

interface Me {
  name: string;
  role: string;
  version?: string;
}

export function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(Boolean(savedToken()));
  const [route, setRoute] = useState(currentRoute);
  const [theme, nextTheme] = useTheme();

  const signOut = useCallback(() => {
    saveToken(null);
    setMe(null);
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(signOut);
    const onHash = () => setRoute(currentRoute());
    window.addEventListener("hashchange", onHash);
    if (savedToken())
      api<Me>("/api/v1/me")
        .then(setMe)
        .catch(() => saveToken(null))
        .finally(() => setChecking(false));
    return () => window.removeEventListener("hashchange", onHash);
  }, [signOut]);

  if (checking) return <p className="loading">Loading…</p>;
  if (!me) return <SignIn onSignedIn={setMe} />;

  const { view, params } = route;
  return (
    <div className="layout">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header>
        <span className="brand">
          <span className="logo" aria-hidden="true" />
          Mamori
        </span>
        <nav aria-label="views">
          {VIEWS.map((v) => (
            <a key={v.path} href={`#/${v.path}`} aria-current={v.path === view ? "page" : undefined}>
              {v.label}
            </a>
          ))}
        </nav>
        <span className="who">
          {me.name} ({me.role})
        </span>
        <a href="/docs" className="docs-link">
          API
        </a>
        <button type="button" onClick={nextTheme} aria-label={`theme: ${theme}; change`}>
          {theme === "dark" ? "☾" : theme === "light" ? "☀" : "◐"}
        </button>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {view === "overview" && <OverviewView />}
        {view === "inventory" && <InventoryView params={params} />}
        {view === "findings" && (
          <FindingsView params={params} canWrite={me.role === "admin" || me.role === "analyst"} />
        )}
        {view === "compliance" && <ComplianceView params={params} />}
        {view === "alerts" && <AlertsView />}
        {view === "incidents" && <IncidentsView params={params} />}
        {view === "vulnerabilities" && <VulnerabilitiesView params={params} />}
        {view === "scans" && (
          <ScansView params={params} canWrite={me.role === "admin" || me.role === "analyst"} />
        )}
        {view === "query" && <QueryView canQuery={me.role === "admin" || me.role === "analyst"} />}
      </main>
    </div>
  );
}
