import picomatch from "picomatch";
import type { Finding, ResourceRef } from "../model/index.js";

/**
 * What a mute matches. Every matcher that is set must match; at least one of
 * checkId, resourceId, account, region and tagKey must be set. `checkId`,
 * `resourceId` and `tagValue` are globs in which `*` matches any characters,
 * slashes included (`arn:aws:s3:::logs-*`, `aws.iam.*`), `?` one character
 * and `{a,b}` either; account, region and tagKey match exactly.
 */
export interface MuteMatcher {
  checkId?: string;
  resourceId?: string;
  account?: string;
  region?: string;
  tagKey?: string;
  /** Needs tagKey; without it, any value of tagKey matches. */
  tagValue?: string;
}

export interface NewMute extends MuteMatcher {
  owner: string;
  reason: string;
  /** ISO 8601 time; the mute stops applying then. */
  expiresAt?: string;
}

export interface Mute extends NewMute {
  id: string;
  createdAt: string;
}

/** What of a finding a mute looks at; a Finding has it. */
export type MuteTarget = Pick<Finding, "checkId"> & {
  resource: Pick<ResourceRef, "id" | "account" | "region">;
};

const MAX_GLOB = 512;

/** Problems with a mute a person asked for; empty when it is fine. */
export function mutePatternProblems(mute: NewMute): string[] {
  const problems: string[] = [];
  if (!mute.checkId && !mute.resourceId && !mute.account && !mute.region && !mute.tagKey) {
    problems.push("a mute needs at least one of check id, resource id, account, region or tag");
  }
  if (mute.tagValue !== undefined && !mute.tagKey) problems.push("a tag value needs a tag key");
  for (const [field, value] of [
    ["check id", mute.checkId],
    ["resource id", mute.resourceId],
    ["tag value", mute.tagValue],
  ] as const) {
    if (value !== undefined && value.length > MAX_GLOB)
      problems.push(`${field} pattern is longer than ${MAX_GLOB} characters`);
  }
  if (!mute.owner?.trim()) problems.push("a mute needs an owner");
  if (!mute.reason?.trim()) problems.push("a mute needs a reason");
  if (mute.expiresAt !== undefined && Number.isNaN(Date.parse(mute.expiresAt))) {
    problems.push(`expiry ${mute.expiresAt} is not a date`);
  }
  return problems;
}

type Test = (value: string) => boolean;

function glob(pattern: string | undefined): Test | undefined {
  if (pattern === undefined || pattern === "") return undefined;
  // bash: a single * also crosses "/" (ids are not paths); dot: * also matches a leading dot.
  return picomatch(pattern, { bash: true, dot: true });
}

export type CompiledMute = (
  finding: MuteTarget,
  resourceTags: Readonly<Record<string, string>>,
  now: Date,
) => boolean;

const compiled = new WeakMap<MuteMatcher, CompiledMute>();

/** The matching function of a mute, compiled once per mute object. */
export function compileMute(mute: MuteMatcher & { expiresAt?: string }): CompiledMute {
  const cached = compiled.get(mute);
  if (cached) return cached;
  const checkId = glob(mute.checkId);
  const resourceId = glob(mute.resourceId);
  const tagValue = glob(mute.tagValue);
  const expires = mute.expiresAt === undefined ? undefined : Date.parse(mute.expiresAt);
  const matches: CompiledMute = (finding, tags, now) => {
    if (expires !== undefined && !(expires > now.getTime())) return false;
    if (checkId && !checkId(finding.checkId)) return false;
    if (resourceId && !resourceId(finding.resource.id)) return false;
    if (mute.account && finding.resource.account !== mute.account) return false;
    if (mute.region && finding.resource.region !== mute.region) return false;
    if (mute.tagKey) {
      const value = Object.hasOwn(tags, mute.tagKey) ? tags[mute.tagKey] : undefined;
      if (value === undefined) return false;
      if (tagValue && !tagValue(value)) return false;
    }
    return true;
  };
  compiled.set(mute, matches);
  return matches;
}

/** True when `mute` applies to `finding` at `now`: not expired, and every matcher it sets matches. */
export function muteMatches(
  mute: MuteMatcher & { expiresAt?: string },
  finding: MuteTarget,
  resourceTags: Readonly<Record<string, string>>,
  now: Date,
): boolean {
  return compileMute(mute)(finding, resourceTags, now);
}

/** The first of `mutes` (oldest first) that applies, or undefined. */
export function findMute<M extends MuteMatcher & { expiresAt?: string }>(
  mutes: readonly M[],
  finding: MuteTarget,
  resourceTags: Readonly<Record<string, string>>,
  now: Date,
): M | undefined {
  return mutes.find((mute) => muteMatches(mute, finding, resourceTags, now));
}

/** What `Finding.muted` says about a mute. */
export function mutedBy(mute: Mute): NonNullable<Finding["muted"]> {
  const muted: NonNullable<Finding["muted"]> = { reason: mute.reason, owner: mute.owner };
  if (mute.expiresAt !== undefined) muted.expiresAt = mute.expiresAt;
  return muted;
}
