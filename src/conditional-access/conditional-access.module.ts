import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccrController } from './authentication-contexts/accr.controller.js';
import { AccrEntity } from './authentication-contexts/accr.entity.js';
import { AccrRepository } from './authentication-contexts/accr.repository.js';
import { AccrService } from './authentication-contexts/accr.service.js';
import { AuthenticationStrengthRootController } from './authentication-strengths/authentication-strength-root.controller.js';
import { AuthenticationStrengthsController } from './authentication-strengths/authentication-strengths.controller.js';
import { CA_ROOT_PROVIDERS } from './ca-root.providers.js';
import { DeletedItemsController } from './deleted-items/deleted-items.controller.js';
import { NamedLocationsController } from './named-locations/named-locations.controller.js';
import { PoliciesController } from './policies/policies.controller.js';
import { ConditionalAccessRootController } from './root/conditional-access-root.controller.js';
import { TemplatesController } from './templates/templates.controller.js';
import { SignInEvaluationRepository } from './evaluation/sign-in-evaluation.repository.js';
import { SignInEvaluationCache } from './evaluation/sign-in-evaluation.cache.js';
import { SignInEvaluator } from './evaluation/sign-in-evaluator.service.js';
import { WhatIfController } from './what-if/what-if.controller.js';
import { WhatIfService } from './what-if/what-if.service.js';
import { RoleManagementModule } from '../role-management/role-management.module.js';

/**
 * Conditional Access (DECISIONS §2, §7): authentication contexts, policies, named locations,
 * authentication strengths, templates and deleted items, on v1.0 and beta.
 */
@Module({
  imports: [TypeOrmModule.forFeature([AccrEntity]), RoleManagementModule],
  controllers: [
    AccrController,
    PoliciesController,
    NamedLocationsController,
    AuthenticationStrengthsController,
    AuthenticationStrengthRootController,
    TemplatesController,
    DeletedItemsController,
    ConditionalAccessRootController,
    WhatIfController,
  ],
  providers: [AccrRepository, AccrService, ...CA_ROOT_PROVIDERS, SignInEvaluationCache, SignInEvaluationRepository, SignInEvaluator, WhatIfService],
  // The sign-in side (token endpoint, sign-in page) evaluates policies through this one service.
  exports: [SignInEvaluator],
})
export class ConditionalAccessModule {}
