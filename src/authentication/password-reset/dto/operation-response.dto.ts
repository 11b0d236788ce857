import { ApiProperty } from '@nestjs/swagger';
import { exampleContext, GraphEntity, ODataCollectionResponse, ODataEntityResponse } from '../../methods/dto/odata-response.dto.js';

/** A password reset's `longRunningOperation` (graph-spec §2.6.5). */
@GraphEntity('microsoft.graph.longRunningOperation', 'the status of an asynchronous operation (a password reset).')
export class LongRunningOperationDto {
  @ApiProperty({ type: String, format: 'uuid', example: '3f1d2a4b-6c7e-4f80-9a1b-2c3d4e5f6a7b' })
  id: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2024-05-06T07:08:09.123Z' })
  createdDateTime: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2024-05-06T07:08:09.123Z' })
  lastActionDateTime: string;

  @ApiProperty({
    type: String,
    format: 'uri',
    nullable: true,
    example: 'https://graph.microsoft.com/v1.0/users/0d9a44ad-e97f-4e5d-a7a8-0f8e8b9c2e11/authentication/passwordMethods/28c10230-6103-485e-b985-444c60001490',
    description: 'The resource the operation acted on.',
  })
  resourceLocation: string | null;

  @ApiProperty({
    enum: ['notStarted', 'running', 'succeeded', 'failed', 'unknownFutureValue'],
    example: 'succeeded',
    description: '`succeeded` and `failed` are terminal; password resets here complete at once.',
  })
  status: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  statusDetail: string | null;
}

export const LongRunningOperationResponseDto = ODataEntityResponse(
  LongRunningOperationDto,
  'LongRunningOperationResponseDto',
  exampleContext('/operations/$entity'),
);

export const LongRunningOperationCollectionDto = ODataCollectionResponse(
  LongRunningOperationDto,
  'LongRunningOperationCollectionDto',
  exampleContext('/operations'),
);
