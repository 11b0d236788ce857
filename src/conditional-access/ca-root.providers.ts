import { AuthenticationStrengthsRepository } from './authentication-strengths/authentication-strengths.repository.js';
import { AuthenticationStrengthsService } from './authentication-strengths/authentication-strengths.service.js';
import { DeletedItemsService } from './deleted-items/deleted-items.service.js';
import { NamedLocationsRepository } from './named-locations/named-locations.repository.js';
import { NamedLocationsService } from './named-locations/named-locations.service.js';
import { PoliciesRepository } from './policies/policies.repository.js';
import { PoliciesService } from './policies/policies.service.js';
import { ContextReferencesService } from './references/context-references.service.js';
import { ReferenceIndexRepository } from './references/reference-index.repository.js';
import { TemplatesService } from './templates/templates.service.js';

/**
 * The domain core of the Conditional Access root (issue #12), provided by ConditionalAccessModule. Repositories
 * take TypeORM's DataSource (TypeOrmModule.forRoot) and write through `Transactions` (DatabaseModule).
 */
export const CA_ROOT_PROVIDERS = [
  ReferenceIndexRepository,
  PoliciesRepository,
  NamedLocationsRepository,
  AuthenticationStrengthsRepository,
  PoliciesService,
  NamedLocationsService,
  AuthenticationStrengthsService,
  TemplatesService,
  DeletedItemsService,
  ContextReferencesService,
];
