import { useEffect, useState } from "react";
import { api, type Page, queryString, type ResourceItem } from "../api";
import { navigate } from "../nav";
import { ErrorNote, Pager, SeverityBadge } from "../ui";

const LIMIT = 50;

interface Facets {
  types: string[];
  providers: string[];
  accounts: string[];
  regions: string[];
}

interface Detail {
  resource: ResourceItem & { properties: unknown; provenance: unknown; firstSeen: string };
  history: { scanId: string; observedAt: string; contentHash: string; properties: unknown }[];
  findings: {
    fingerprint: string;
    checkId: string;
    title: string;
    severity: string;
    status: string;
    state: string;
    message: string;
  }[];
}

function ResourceDetail({ type, id }: { type: string; id: string }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<Detail>(`/api/v1/resources/detail${queryString({ type, id })}`).then(setDetail, setError);
  }, [type, id]);
  if (error) return <ErrorNote error={error} />;
  if (!detail) return <p className="loading">Loading…</p>;
  const r = detail.resource;
  return (
    <article aria-label={`resource ${r.name}`}>
      <button type="button" className="link" onClick={() => navigate("inventory")}>
        ← Inventory
      </button>
      <h1>{r.name}</h1>
      <p className="muted">
        <code>{r.id}</code> · {r.type} · {r.provider} {r.account} {r.region}
      </p>
      <p>
        {Object.entries(r.tags).map(([k, v]) => (
          <span key={k} className="tag">
            {k}={v}
          </span>
        ))}
      </p>
      <h2>Findings</h2>
      <table>
        <tbody>
          {detail.findings.map((f) => (
            <tr key={f.fingerprint}>
              <td>
                <SeverityBadge severity={f.severity} />
              </td>
              <td>{f.title}</td>
              <td>{f.status}</td>
              <td>{f.state}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Properties</h2>
      <pre>{JSON.stringify(r.properties, null, 2)}</pre>
      <h2>History</h2>
      <ol>
        {detail.history.map((h) => (
          <li key={h.scanId}>
            {new Date(h.observedAt).toLocaleString()} — scan <code>{h.scanId.slice(0, 8)}</code>, content{" "}
            <code>{h.contentHash.slice(0, 12)}</code>
          </li>
        ))}
      </ol>
    </article>
  );
}

export function InventoryView({ params }: { params: URLSearchParams }) {
  const detailType = params.get("type");
  const detailId = params.get("id");
  const [facets, setFacets] = useState<Facets | null>(null);
  const [type, setType] = useState("");
  const [provider, setProvider] = useState("");
  const [account, setAccount] = useState("");
  const [region, setRegion] = useState("");
  const [tag, setTag] = useState("");
  const [q, setQ] = useState("");
  const [sort, setSort] = useState("risk");
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<ResourceItem> | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api<Facets>("/api/v1/resources/facets").then(setFacets, setError);
  }, []);
  useEffect(() => {
    if (detailType && detailId) return;
    const timer = setTimeout(() => {
      const query = queryString({
        type,
        provider,
        account,
        region,
        tag: tag.trim(),
        q: q.trim(),
        sort,
        order: sort === "risk" ? "desc" : "asc",
        limit: LIMIT,
        offset,
      });
      api<Page<ResourceItem>>(`/api/v1/resources${query}`).then(setPage, setError);
    }, 150);
    return () => clearTimeout(timer);
  }, [type, provider, account, region, tag, q, sort, offset, detailType, detailId]);

  if (detailType && detailId) return <ResourceDetail type={detailType} id={detailId} />;
  const select = (label: string, value: string, set: (v: string) => void, options: string[] = []) => (
    <label>
      {label}
      <select
        value={value}
        onChange={(e) => {
          set(e.target.value);
          setOffset(0);
        }}
      >
        <option value="">any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div>
      <h1>Inventory</h1>
      <form className="filters" aria-label="filter resources" onSubmit={(e) => e.preventDefault()}>
        {select("Type", type, setType, facets?.types)}
        {select("Provider", provider, setProvider, facets?.providers)}
        {select("Account", account, setAccount, facets?.accounts)}
        {select("Region", region, setRegion, facets?.regions)}
        <label>
          Tag
          <input
            value={tag}
            placeholder="env=prod"
            onChange={(e) => {
              setTag(e.target.value);
              setOffset(0);
            }}
          />
        </label>
        <label>
          Search
          <input
            type="search"
            value={q}
            placeholder="id, name, type"
            onChange={(e) => {
              setQ(e.target.value);
              setOffset(0);
            }}
          />
        </label>
        <label>
          Sort by
          <select value={sort} onChange={(e) => setSort(e.target.value)}>
            <option value="risk">risk</option>
            <option value="type">type</option>
            <option value="name">name</option>
            <option value="last_seen">last seen</option>
          </select>
        </label>
      </form>
      <ErrorNote error={error} />
      {page && (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Account / region</th>
                <th scope="col">Tags</th>
                <th scope="col">Open findings</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((r) => (
                <tr key={`${r.type} ${r.id}`}>
                  <td>
                    <a href={`#/inventory?type=${encodeURIComponent(r.type)}&id=${encodeURIComponent(r.id)}`}>
                      {r.name}
                    </a>
                  </td>
                  <td>{r.type}</td>
                  <td>
                    {r.provider} {r.account} {r.region}
                  </td>
                  <td>
                    {Object.entries(r.tags).map(([k, v]) => (
                      <span key={k} className="tag">
                        {k}={v}
                      </span>
                    ))}
                  </td>
                  <td>{r.openFindings}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager total={page.total} limit={LIMIT} offset={offset} onChange={setOffset} />
        </>
      )}
    </div>
  );
}
