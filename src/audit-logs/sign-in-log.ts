import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SignInLogsRepository, type NewSignIn } from './sign-in-logs.repository.js';

/** Microsoft Graph as the resource every token of this provider is for. */
export const GRAPH_RESOURCE = { id: '00000003-0000-0000-c000-000000000000', displayName: 'Microsoft Graph' } as const;

/** Entra keeps sign-in logs 30 days (Microsoft Entra ID P1/P2): older rows are pruned. */
export const SIGN_IN_RETENTION_DAYS = 30;
/** Every this many recorded sign-ins (per process), the recording tenant's expired rows are pruned (bounded). */
export const PRUNE_EVERY = 200;
const PRUNE_BATCH = 1000;

/** One sign-in to record (issue #14). Strings are cut to the column widths; nothing here can fail the sign-in. */
export interface SignInRecord {
  tenantId: string;
  /** The user, when known (a wrong user name records none, with the name typed in `userPrincipalName`). */
  user?: { id: string; userPrincipalName: string; displayName?: string | null } | null;
  /** The name typed when no user matched (`signInIdentifier`). */
  userPrincipalName?: string;
  /** The client: appId, displayName, and its service principal's id when known. */
  app?: { appId: string; displayName?: string | null; servicePrincipalId?: string | null } | null;
  /** Defaults to Microsoft Graph. */
  resource?: { id: string; displayName: string };
  ipAddress?: string | null;
  /** Graph's values: `Browser`, `Mobile Apps and Desktop clients`, `Exchange ActiveSync`, `Other clients`... */
  clientAppUsed?: string;
  userAgent?: string | null;
  /** 0 on success, else the AADSTS number; `failureReason` the refusal's text. */
  status: { errorCode: number; failureReason?: string | null; additionalDetails?: string | null };
  conditionalAccessStatus?: 'success' | 'failure' | 'notApplied';
  /** Graph's `appliedConditionalAccessPolicy` JSON (from the Conditional Access evaluator), as given. */
  appliedConditionalAccessPolicies?: Record<string, unknown>[];
  isInteractive: boolean;
  /** `singleFactorAuthentication` (default) or `multiFactorAuthentication`. */
  authenticationRequirement?: 'singleFactorAuthentication' | 'multiFactorAuthentication';
  /** The STS correlation id (the one in the token endpoint's error body). */
  correlationId?: string | null;
  /** Beta only: `authenticationDetails` (Graph's `authenticationDetail` JSON), in step order. */
  authenticationDetails?: Record<string, unknown>[];
  /** Beta only: `authenticationMethodsUsed` (e.g. `Password`, `Temporary Access Pass`, `Text message`). */
  authenticationMethodsUsed?: string[];
  /** Beta only: `authenticationProtocol` (`ropc`, `oAuth2`, `deviceCode`, `none`). */
  authenticationProtocol?: string;
}

const cut = (v: string | null | undefined, n: number) => (v == null ? null : v.slice(0, n));

/**
 * Records sign-ins for `/auditLogs/signIns`. `record` never throws and never makes the caller wait for more than one
 * INSERT: a failure to record is logged (a refusal must stay the refusal, not become a 500).
 */
@Injectable()
export class SignInLog {
  private readonly logger = new Logger('SignInLog');
  private recorded = 0;

  constructor(private readonly repo: SignInLogsRepository) {}

  /** Records one sign-in; resolves to its id, or undefined when it could not be written (logged). */
  async record(input: SignInRecord): Promise<string | undefined> {
    const row = toRow(input);
    try {
      await this.repo.insert(row);
    } catch (e) {
      this.logger.warn(`sign-in not recorded: ${(e as Error).message}`);
      return undefined;
    }
    if (++this.recorded % PRUNE_EVERY === 0) {
      // Not awaited: pruning is housekeeping, never on the sign-in's path.
      void this.prune(input.tenantId);
    }
    return row.id;
  }

  /** Deletes up to 1000 of the tenant's rows older than the retention; answers how many went. */
  async prune(tenantId: string, now = new Date()): Promise<number> {
    try {
      return await this.repo.pruneOlderThan(tenantId, new Date(now.getTime() - SIGN_IN_RETENTION_DAYS * 86_400_000), PRUNE_BATCH);
    } catch (e) {
      this.logger.warn(`sign-in logs not pruned: ${(e as Error).message}`);
      return 0;
    }
  }
}

function toRow(i: SignInRecord): NewSignIn {
  const resource = i.resource ?? GRAPH_RESOURCE;
  const details: Record<string, unknown> = {
    signInIdentifier: cut(i.user?.userPrincipalName ?? i.userPrincipalName, 1024),
    authenticationDetails: i.authenticationDetails ?? [],
    authenticationMethodsUsed: i.authenticationMethodsUsed ?? [],
    authenticationProtocol: i.authenticationProtocol ?? 'none',
    signInEventTypes: [i.isInteractive ? 'interactiveUser' : 'nonInteractiveUser'],
  };
  return {
    tenantId: i.tenantId,
    id: randomUUID(),
    // Milliseconds, as the JSON shows it: a page's keyset value then equals the stored one.
    createdAt: new Date(),
    userId: i.user?.id ?? null,
    userPrincipalName: cut(i.user?.userPrincipalName ?? i.userPrincipalName, 1024),
    userDisplayName: cut(i.user?.displayName, 256),
    appId: cut(i.app?.appId, 64),
    appDisplayName: cut(i.app?.displayName, 256),
    servicePrincipalId: cut(i.app?.servicePrincipalId, 64),
    resourceId: resource.id,
    resourceDisplayName: resource.displayName,
    ipAddress: cut(i.ipAddress, 64),
    clientAppUsed: cut(i.clientAppUsed ?? 'Mobile Apps and Desktop clients', 64),
    userAgent: cut(i.userAgent, 1024),
    correlationId: cut(i.correlationId, 64),
    errorCode: i.status.errorCode,
    status: {
      errorCode: i.status.errorCode,
      failureReason: i.status.errorCode === 0 ? null : (cut(i.status.failureReason, 1024) ?? 'Other.'),
      additionalDetails: cut(i.status.additionalDetails, 1024),
    },
    conditionalAccessStatus: i.conditionalAccessStatus ?? 'notApplied',
    appliedPolicies: i.appliedConditionalAccessPolicies ?? [],
    isInteractive: i.isInteractive,
    authenticationRequirement: i.authenticationRequirement ?? 'singleFactorAuthentication',
    details,
  };
}
