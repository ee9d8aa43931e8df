import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class RebuildProjectionRequestDto {
  @ApiProperty({ description: 'Name of the projection', example: 'AccountBalances' })
  @IsString()
  @Length(1, 128)
  name: string;
}
