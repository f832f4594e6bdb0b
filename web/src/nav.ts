export const VIEWS = [
  { path: "overview", label: "Overview" },
  { path: "inventory", label: "Inventory" },
  { path: "findings", label: "Findings" },
  { path: "compliance", label: "Compliance" },
  { path: "alerts", label: "Alerts" },
  { path: "incidents", label: "Incidents" },
  { path: "vulnerabilities", label: "Vulnerabilities" },
  { path: "scans", label: "Scans" },
  { path: "query", label: "Query" },
] as const;

export type ViewPath = (typeof VIEWS)[number]["path"];

/** Views live in the URL fragment (#/findings?severity=high), so links, reloads and history work without server routes. */
export function currentRoute(): { view: ViewPath; params: URLSearchParams } {
  const [path = "", query = ""] = window.location.hash.replace(/^#\/?/, "").split("?");
  const view = (VIEWS.find((v) => v.path === path)?.path ?? "overview") as ViewPath;
  return { view, params: new URLSearchParams(query) };
}

export function navigate(view: ViewPath, params: Record<string, string> = {}): void {
  const query = new URLSearchParams(params).toString();
  window.location.hash = `#/${view}${query ? `?${query}` : ""}`;
}
