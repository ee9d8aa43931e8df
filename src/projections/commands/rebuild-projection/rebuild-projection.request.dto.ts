import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class RebuildProjectionRequestDto {
  @ApiProperty({
    description: 'Name of the projection (see GET /projections)',
    example: 'AccountBalances',
    minLength: 1,
    maxLength: 128,
  })
  @IsString()
  @Length(1, 128)
  name: string;
}
