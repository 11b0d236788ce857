import { ApiProperty } from '@nestjs/swagger';
import { GraphEntity, MethodODataType, methodResponses } from './odata-response.dto.js';

@GraphEntity('microsoft.graph.fido2AuthenticationMethod', 'a FIDO2 security key or passkey.')
export class Fido2AuthenticationMethodDto {
  @MethodODataType('#microsoft.graph.fido2AuthenticationMethod')
  '@odata.type'?: string;

  @ApiProperty({ type: String, format: 'uuid', example: '7f3bd7a2-9c3e-4b8e-8f5d-2a1c6e0b9d41' })
  id: string;

  @ApiProperty({ type: String, nullable: true, example: 'YubiKey 5', description: 'Name given by the user.' })
  displayName: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2024-01-02T03:04:05Z' })
  createdDateTime: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: 'cb69481e-8ff7-4039-93ec-0a2729a154a8',
    description: 'Authenticator Attestation GUID of the model.',
  })
  aaGuid: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'YubiKey 5 NFC' })
  model: string | null;

  @ApiProperty({ type: [String], example: ['dbe793efdf1945e2df25d93653a1e8a3268a9075'], description: 'Thumbprints of the attestation certificates.' })
  attestationCertificates: string[];

  @ApiProperty({ enum: ['attested', 'notAttested', 'unknownFutureValue'], nullable: true, example: 'attested' })
  attestationLevel: string | null;

  @ApiProperty({ enum: ['deviceBound', 'synced', 'unknownFutureValue'], nullable: true, example: 'deviceBound' })
  passkeyType: string | null;

  @ApiProperty({ type: Object, nullable: true, example: null, description: 'Used only to register a passkey; always `null` when read.' })
  publicKeyCredential: null;
}

export const FIDO2_METHOD_RESPONSES = methodResponses(Fido2AuthenticationMethodDto, 'fido2Methods');
