import { ApiProperty } from '@nestjs/swagger';
import { PHONE_IDS, PHONE_NUMBER_PATTERN, PHONE_TYPES } from '../families/method-ids.js';
import { GraphEntity, MethodODataType, methodResponses } from './odata-response.dto.js';

/** `authenticationMethodSignInState` (graph-spec §2.6.6). */
const SIGN_IN_STATES = ['notSupported', 'notAllowedByPolicy', 'notEnabled', 'phoneNumberNotUnique', 'ready', 'notConfigured', 'unknownFutureValue'];

@GraphEntity('microsoft.graph.phoneAuthenticationMethod', 'a phone registered for SMS or voice; one per phone type.')
export class PhoneAuthenticationMethodDto {
  @MethodODataType('#microsoft.graph.phoneAuthenticationMethod')
  '@odata.type'?: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    enum: Object.values(PHONE_IDS),
    example: PHONE_IDS.mobile,
    description: `Fixed per type: ${Object.entries(PHONE_IDS)
      .map(([type, id]) => `\`${id}\` = ${type}`)
      .join(', ')}.`,
  })
  id: string;

  @ApiProperty({
    type: String,
    pattern: PHONE_NUMBER_PATTERN.source,
    example: '+1 2065555555',
    description:
      '`+{country code} {number}x{extension}`. An Authentication Administrator reading another user sees it masked ' +
      '(`+1 XXXXXXXX55`: country code and last 2 digits kept).',
  })
  phoneNumber: string;

  @ApiProperty({ enum: PHONE_TYPES, example: 'mobile', description: 'Never changes; one phone per type.' })
  phoneType: string;

  @ApiProperty({
    enum: SIGN_IN_STATES,
    example: 'ready',
    readOnly: true,
    description: 'Computed: `notSupported` except for the mobile phone, which is `ready`, `notEnabled` or `phoneNumberNotUnique`.',
  })
  smsSignInState: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2024-01-01T00:00:00.000Z', description: 'When it was registered.' })
  createdDateTime: string | null;
}

export const PHONE_METHOD_RESPONSES = methodResponses(PhoneAuthenticationMethodDto, 'phoneMethods');
