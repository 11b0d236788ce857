import { ApiProperty } from '@nestjs/swagger';
import { TAP_LIFETIME_RANGE } from '../../../policies/authentication-methods-policy/policy-rules.js';
import { exampleContext, GraphEntity, MethodODataType, methodResponses, ODataEntityResponse } from './odata-response.dto.js';

const ODATA_TYPE = '#microsoft.graph.temporaryAccessPassAuthenticationMethod';

@GraphEntity('microsoft.graph.temporaryAccessPassAuthenticationMethod', 'a time-limited passcode; one per user.')
export class TemporaryAccessPassAuthenticationMethodDto {
  @MethodODataType(ODATA_TYPE)
  '@odata.type'?: string;

  @ApiProperty({ type: String, format: 'uuid', example: '6f1967b7-15e8-4935-ac26-d50770ed07a7' })
  id: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Always `null` here: the pass is returned only once, in the 201 of its creation, and never stored.',
  })
  temporaryAccessPass: string | null;

  @ApiProperty({ type: String, format: 'date-time', example: '2022-06-02T16:21:09.765173Z' })
  createdDateTime: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2022-06-05T00:00:00Z', description: 'When the pass becomes usable.' })
  startDateTime: string;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: TAP_LIFETIME_RANGE.min, maximum: TAP_LIFETIME_RANGE.max, example: 60 })
  lifetimeInMinutes: number;

  @ApiProperty({ type: Boolean, example: false, description: 'One sign-in only.' })
  isUsableOnce: boolean;

  @ApiProperty({
    type: Boolean,
    required: false,
    example: false,
    description: "Computed from the clock: started and not expired. v1.0 only (beta's type lacks it).",
  })
  isUsable: boolean;

  @ApiProperty({
    required: false,
    enum: ['EnabledByPolicy', 'DisabledByPolicy', 'Expired', 'NotYetValid', 'OneTimeUsed'],
    example: 'NotYetValid',
    description: 'Why `isUsable` is what it is. v1.0 only.',
  })
  methodUsabilityReason: string;
}

export const TEMPORARY_ACCESS_PASS_RESPONSES = methodResponses(TemporaryAccessPassAuthenticationMethodDto, 'temporaryAccessPassMethods');

/** The create's 201: with `@odata.type` and, this once, the pass itself (graph-spec §2.6.8). */
class TemporaryAccessPassCreated extends TemporaryAccessPassAuthenticationMethodDto {
  @ApiProperty({ required: true, description: 'Always present in this response.' })
  declare '@odata.type': string;

  @ApiProperty({
    nullable: false,
    example: '+drkzqAD',
    description: "The pass, shown only in this response; its length is the tenant policy's defaultLength.",
  })
  declare temporaryAccessPass: string;
}

export const TemporaryAccessPassCreatedDto = ODataEntityResponse(
  TemporaryAccessPassCreated,
  'TemporaryAccessPassCreatedDto',
  exampleContext('/temporaryAccessPassMethods/$entity'),
);
