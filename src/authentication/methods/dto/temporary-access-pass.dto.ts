import { IsODataType } from '../../../graph/validation/odata-type.decorator.js';
import { BAD_REQUEST_CONTEXT } from '../../authentication.errors.js';
import { IsDateTimeOffset, IsOptionalFlag, IsTapLifetime } from './method-validation.decorators.js';

/** `POST /users/{id}/authentication/temporaryAccessPassMethods` */
export class CreateTemporaryAccessPassDto {
  @IsODataType('#microsoft.graph.temporaryAccessPassAuthenticationMethod', BAD_REQUEST_CONTEXT)
  '@odata.type'?: string;

  @IsDateTimeOffset('When the pass becomes usable; default now.')
  startDateTime?: string;

  @IsTapLifetime()
  lifetimeInMinutes?: number;

  @IsOptionalFlag("One sign-in only. Default the policy's; false is refused when the policy requires one-time passes.")
  isUsableOnce?: boolean;
}
