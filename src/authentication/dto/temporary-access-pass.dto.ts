import { IsDateTimeOffset, IsODataType, IsOptionalFlag, IsTapLifetime } from './method-validation.decorators.js';

/** `POST /users/{id}/authentication/temporaryAccessPassMethods` */
export class CreateTemporaryAccessPassDto {
  @IsODataType('#microsoft.graph.temporaryAccessPassAuthenticationMethod')
  '@odata.type'?: string;

  @IsDateTimeOffset('startDateTime', 'When the pass becomes usable; default now.')
  startDateTime?: string;

  @IsTapLifetime()
  lifetimeInMinutes?: number;

  @IsOptionalFlag('isUsableOnce', "One sign-in only. Default the policy's; false is refused when the policy requires one-time passes.")
  isUsableOnce?: boolean;
}
