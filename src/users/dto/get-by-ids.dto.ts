import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsDefined, IsOptional, IsString, MaxLength } from 'class-validator';

/** `POST /directoryObjects/getByIds` and `/users/getByIds` (Graph: up to 1000 ids). */
export class GetByIdsDto {
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  @ApiProperty({ type: [String], maxItems: 1000, example: ['84b80893-8749-40a3-97b7-68513b600544'] })
  ids: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(32)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  @ApiPropertyOptional({ type: [String], example: ['user'], description: 'Directory object types to return; only `user` exists here.' })
  types?: string[];
}
