import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

/** `POST /directoryObjects/validateProperties` (and `/users/validateProperties`). */
export class ValidatePropertiesDto {
  @IsNotEmpty()
  @IsString()
  @MaxLength(64)
  @ApiProperty({ type: String, example: 'Group', description: '`Group` is the only supported entity type.' })
  entityType: string;

  @IsOptional()
  @IsString()
  @MaxLength(256)
  @Matches(/^[^\u0000]*$/, { message: 'must not contain NUL characters' })
  @ApiPropertyOptional({ type: String, maxLength: 256, example: 'Contoso Marketing' })
  displayName?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[^\u0000]*$/, { message: 'must not contain NUL characters' })
  @ApiPropertyOptional({ type: String, maxLength: 64, example: 'marketing' })
  mailNickname?: string;

  @IsOptional()
  @IsUUID('all')
  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'Validate as this user (their roles and attributes).' })
  onBehalfOfUserId?: string;
}
