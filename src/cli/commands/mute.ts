import { Command } from "commander";
import type { Mute, NewMute } from "../../store/index.js";
import { addOutputOption, addStoreOptions, emit, formatOption, openConfiguredStore } from "../context.js";
import { UsageError } from "../errors.js";
import { csvTable, textTable } from "../table.js";

interface AddOptions {
  check?: string;
  resource?: string;
  account?: string;
  region?: string;
  tag?: string;
  owner?: string;
  reason?: string;
  expires?: string;
  dataDir?: string;
}

export function muteCommand(): Command {
  const command = new Command("mute").summary(
    "accept a risk: mute findings with an owner, a reason and an expiry",
  );

  const add = new Command("add")
    .summary("mute the failing findings that match every given matcher")
    .description(
      "Mute findings that match every given matcher. Globs: * matches any characters, ? one.\n" +
        "Matching findings are reported as muted (never dropped) and do not trip --fail-on.\n\n" +
        "Example:\n  mamori mute add --check aws.s3.access-logging --resource 'arn:aws:s3:::acme-tmp-*' \\\n" +
        "    --owner alice@example.com --reason 'scratch buckets, no logs needed' --expires 2027-03-31",
    )
    .option("--check <glob>", "check id, e.g. aws.s3.* ")
    .option("--resource <glob>", "resource id, e.g. 'arn:aws:s3:::logs-*'")
    .option("--account <id>", "account, subscription or project")
    .option("--region <region>", "region")
    .option("--tag <key[=value]>", "resource tag; the value may be a glob")
    .requiredOption("--owner <who>", "who accepted the risk")
    .requiredOption("--reason <text>", "why")
    .option("--expires <date>", "when the mute stops applying (ISO 8601 date or time)");
  addStoreOptions(add).action(async (options: AddOptions) => {
    const input: NewMute = { owner: options.owner ?? "", reason: options.reason ?? "" };
    if (options.check) input.checkId = options.check;
    if (options.resource) input.resourceId = options.resource;
    if (options.account) input.account = options.account;
    if (options.region) input.region = options.region;
    if (options.tag) {
      const [key, ...value] = options.tag.split("=");
      input.tagKey = key ?? "";
      if (value.length > 0) input.tagValue = value.join("=");
    }
    if (options.expires !== undefined) {
      const when = Date.parse(options.expires);
      if (Number.isNaN(when))
        throw new UsageError(`--expires ${options.expires}: not a date (use e.g. 2027-03-31)`);
      if (when <= Date.now()) throw new UsageError(`--expires ${options.expires}: the date has passed`);
      input.expiresAt = new Date(when).toISOString();
    }
    const store = await openConfiguredStore(options);
    try {
      const mute = await store.addMute(input);
      emit(`muted: ${mute.id}`);
    } finally {
      await store.close();
    }
  });

  const list = new Command("list")
    .summary("list mutes, expired ones included")
    .addOption(formatOption(["table", "json", "csv"], "table"));
  addOutputOption(list);
  addStoreOptions(list).action(async (options: { format: string; output?: string; dataDir?: string }) => {
    const store = await openConfiguredStore(options);
    let mutes: Mute[];
    try {
      mutes = await store.listMutes();
    } finally {
      await store.close();
    }
    if (options.format === "json") {
      emit(JSON.stringify(mutes, null, 2), options.output);
      return;
    }
    const now = Date.now();
    const headers = ["ID", "MATCHES", "OWNER", "REASON", "EXPIRES"];
    const rows = mutes.map((m) => [
      m.id,
      describeMatcher(m),
      m.owner,
      m.reason,
      m.expiresAt === undefined
        ? "never"
        : `${m.expiresAt}${Date.parse(m.expiresAt) <= now ? " (expired)" : ""}`,
    ]);
    emit(options.format === "csv" ? csvTable(headers, rows) : textTable(headers, rows), options.output);
  });

  const remove = new Command("remove")
    .summary("delete a mute; its findings open again")
    .argument("<id>", "mute id");
  addStoreOptions(remove).action(async (id: string, options: { dataDir?: string }) => {
    const store = await openConfiguredStore(options);
    try {
      if (!(await store.removeMute(id))) throw new UsageError(`no mute with id ${id} (see mamori mute list)`);
      emit(`removed: ${id}`);
    } finally {
      await store.close();
    }
  });

  return command.addCommand(add).addCommand(list).addCommand(remove);
}

function describeMatcher(m: Mute): string {
  const parts: string[] = [];
  if (m.checkId) parts.push(`check=${m.checkId}`);
  if (m.resourceId) parts.push(`resource=${m.resourceId}`);
  if (m.account) parts.push(`account=${m.account}`);
  if (m.region) parts.push(`region=${m.region}`);
  if (m.tagKey) parts.push(`tag=${m.tagKey}${m.tagValue === undefined ? "" : `=${m.tagValue}`}`);
  return parts.join(" ");
}
