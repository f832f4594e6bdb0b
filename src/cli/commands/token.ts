import { Command } from "commander";
import { isRole, ROLES } from "../../server/roles.js";
import { createToken, listTokens, revokeToken } from "../../server/tokens.js";
import { addOutputOption, addStoreOptions, emit, formatOption, openConfiguredStore } from "../context.js";
import { UsageError } from "../errors.js";
import { textTable } from "../table.js";

export function tokenCommand(): Command {
  const command = new Command("token").summary("create, list and revoke API tokens of `mamori serve`");

  const create = new Command("create")
    .summary("create a token and print it (shown once)")
    .requiredOption("--role <role>", `one of ${ROLES.join(", ")}`)
    .option("--name <name>", "what the token is for, e.g. 'prometheus' or 'k8s audit webhook'");
  addStoreOptions(create).action(async (options: { role: string; name?: string; dataDir?: string }) => {
    if (!isRole(options.role))
      throw new UsageError(`--role ${options.role}: expected one of ${ROLES.join(", ")}`);
    const store = await openConfiguredStore(options);
    try {
      const { token, info } = await createToken(store.db, {
        name: options.name ?? `${options.role} token`,
        role: options.role,
        createdBy: "mamori token create",
      });
      process.stderr.write(
        `Created token ${info.id} (${info.role}, "${info.name}"); it is shown only now:\n`,
      );
      emit(token);
    } finally {
      await store.close();
    }
  });

  const list = new Command("list")
    .summary("list tokens (never their secrets)")
    .addOption(formatOption(["table", "json"], "table"));
  addOutputOption(list);
  addStoreOptions(list).action(async (options: { format: string; output?: string; dataDir?: string }) => {
    const store = await openConfiguredStore(options);
    try {
      const tokens = await listTokens(store.db);
      if (options.format === "json") {
        emit(JSON.stringify(tokens, null, 2), options.output);
        return;
      }
      emit(
        textTable(
          ["ID", "NAME", "ROLE", "CREATED", "LAST USED", "REVOKED"],
          tokens.map((t) => [t.id, t.name, t.role, t.createdAt, t.lastUsedAt ?? "", t.revokedAt ?? ""]),
        ),
        options.output,
      );
    } finally {
      await store.close();
    }
  });

  const revoke = new Command("revoke")
    .summary("revoke a token by id")
    .argument("<id>", "token id (from `token list`)");
  addStoreOptions(revoke).action(async (id: string, options: { dataDir?: string }) => {
    const store = await openConfiguredStore(options);
    try {
      if (!(await revokeToken(store.db, id))) throw new UsageError(`no active token with id ${id}`);
      emit(`revoked ${id}`);
    } finally {
      await store.close();
    }
  });

  return command.addCommand(create).addCommand(list).addCommand(revoke);
}
