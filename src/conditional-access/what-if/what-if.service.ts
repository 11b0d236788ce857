import { Injectable } from '@nestjs/common';
import { RoleAssignmentsService } from '../../role-management/role-assignments/role-assignments.service.js';
import { metadataContext, type GraphCall } from '../../graph/graph-call.js';
import { evaluateSignIn } from '../evaluation/sign-in-evaluation.js';
import { SignInEvaluator } from '../evaluation/sign-in-evaluator.service.js';
import type { PolicyRow } from '../policies/policies.repository.js';
import { PoliciesService, type PolicyCallOptions } from '../policies/policies.service.js';
import { parseWhatIfRequest } from './what-if-request.js';

/**
 * Beta `POST /identity/conditionalAccess/evaluate` (What If): the sign-in evaluator over the body's sign-in, each
 * policy rendered as Graph shows it plus `policyApplies` and `analysisReasons`. Grant controls are not evaluated (no
 * method is done): whether a policy applies is the question.
 */
@Injectable()
export class WhatIfService {
  constructor(
    private readonly evaluator: SignInEvaluator,
    private readonly policies: PoliciesService,
    private readonly roles: RoleAssignmentsService,
  ) {}

  async evaluate(tenantId: string, body: unknown, call: GraphCall, options: PolicyCallOptions) {
    const req = parseWhatIfRequest(body);
    const roleTemplateIds = req.userId ? await this.roles.roleTemplateIds(tenantId, req.userId) : [];
    const data = await this.evaluator.load(tenantId);
    const result = evaluateSignIn(
      {
        tenantId,
        // A service principal matches no user condition: the nil id is nobody's.
        user: { id: req.userId ?? '00000000-0000-0000-0000-000000000000', roleTemplateIds },
        clientAppId: '',
        targetAppIds: req.applications,
        clientAppType: req.clientAppType,
        platform: req.platform,
        ipAddress: req.ipAddress,
        country: req.country,
        requestedContexts: req.contexts,
        userRiskLevel: req.userRiskLevel,
        signInRiskLevel: req.signInRiskLevel,
        transferMethod: req.transferMethod,
        methods: [],
      },
      data,
    );
    const rendered = await this.policies.renderAll(tenantId, data.policies as PolicyRow[], call, options);
    const analysis = new Map(result.analysis.map((a) => [a.policyId, a]));
    const value = rendered
      .map((policy) => {
        const a = analysis.get(policy.id as string);
        return { ...policy, policyApplies: a?.policyApplies ?? false, analysisReasons: a?.analysisReasons ?? 'notSet' };
      })
      .filter((r) => !req.appliedPoliciesOnly || r.policyApplies);
    return { '@odata.context': metadataContext(call, 'Collection(microsoft.graph.whatIfAnalysisResult)'), value };
  }
}
